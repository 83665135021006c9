package io.heraldo.inbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.inbox.*} of the contract, sections 4b and 5: the support mailbox read over IMAP. */
@ConfigMapping(prefix = "heraldo.inbox")
public interface InboxConfig {

    /** Which messages get a status reply. */
    enum AutoReply {
        /** Only while an incident is open or maintenance is in progress. */
        DURING_INCIDENTS,
        ALWAYS,
        NEVER
    }

    /** Off: the mailbox is not read. */
    @WithDefault("false")
    boolean enabled();

    @WithDefault("localhost")
    String imapHost();

    /** Empty: 993 with {@code ssl}, 143 without. */
    Optional<Integer> imapPort();

    Optional<String> username();

    /** Never logged. */
    Optional<String> password();

    /** IMAP over TLS from the first byte (IMAPS). */
    @WithDefault("false")
    boolean ssl();

    @WithDefault("INBOX")
    String folder();

    /** Where handled messages go; created when missing. */
    @WithDefault("Heraldo/Processed")
    String processedFolder();

    /** Where messages that cannot be read go, with the reason in the log; created when missing. */
    @WithDefault("Heraldo/Failed")
    String failedFolder();

    /** How often the folder is read when the server offers no IDLE, and the longest wait with IDLE. */
    @WithDefault("30s")
    Duration pollInterval();

    @WithDefault("during-incidents")
    AutoReply autoReply();

    /** At most one status reply per sender within this time, whichever replica answers. */
    @WithDefault("1h")
    Duration replyInterval();

    /** A claim older than this, by a replica that stopped, may be taken over. */
    @WithDefault("5m")
    Duration claimTimeout();

    /** Connect, read and write timeout of every IMAP exchange. */
    @WithDefault("30s")
    Duration timeout();

    /** Longest wait between reconnection attempts (the wait doubles from one second up to this). */
    @WithDefault("1m")
    Duration maxBackoff();

    /** Messages handled at once (replies are sent in parallel, up to the email channel's pool size). */
    @WithDefault("8")
    int concurrency();

    default int port() {
        return imapPort().orElse(ssl() ? 993 : 143);
    }
}
