package io.heraldo.platform.mail;

import java.time.Duration;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.email.*} of the contract, section 5. */
@ConfigMapping(prefix = "heraldo.email")
public interface EmailConfig {

    enum StartTls {
        DISABLED, OPTIONAL, REQUIRED
    }

    /** Off: no mail is sent (subscriptions cannot be confirmed). */
    @WithDefault("false")
    boolean enabled();

    /** {@code From} and {@code Reply-To} of every mail; its domain names the {@code Message-ID}s. */
    @WithDefault("Heraldo <status@localhost>")
    String from();

    /** {@link #from()} as an address: the one parser of it, so every mail and calendar names the same address. */
    default InternetAddress sender() {
        return sender(from());
    }

    /** A {@code heraldo.email.from} value as an address; a malformed one stops the start naming the property. */
    static InternetAddress sender(String from) {
        try {
            return new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalStateException("heraldo.email.from: '" + from + "' is not an email address", e);
        }
    }

    /**
     * VERP: the envelope sender of each mail to a subscriber is {@code <from's local part>+b-<token>@<domain>}, so a
     * bounce names whose mail it was. Needs a mail server that delivers plus-addresses to the mailbox itself; off:
     * the envelope sender is the {@code From} address and bounces are matched by Message-ID alone.
     */
    @WithDefault("true")
    boolean verp();

    @WithDefault("localhost")
    String smtpHost();

    @WithDefault("25")
    int smtpPort();

    Optional<String> username();

    Optional<String> password();

    @WithDefault("OPTIONAL")
    StartTls startTls();

    /** SMTP connections kept open and used at once. */
    @WithDefault("8")
    int poolSize();

    /** Connect, read and write timeout of every SMTP exchange. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Also email subscribers about bare component.status_changed events (webhooks always get them). */
    @WithDefault("false")
    boolean componentChanges();

    /**
     * Whether a mail not yet sent gives way to a newer update of the same incident or maintenance for the same
     * reader, the newer mail carrying it: a burst of updates stays a trickle.
     */
    @WithDefault("true")
    boolean coalesce();
}
