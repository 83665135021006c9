package io.heraldo.inbox;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;

/**
 * What the support mailbox did, in PostgreSQL, so that replicas and restarts agree: which messages are claimed or
 * handled ({@code inbox_message}), and when each sender last got a status reply ({@code inbox_reply}).
 */
@ApplicationScoped
public class InboxLedger {

    /** Attempts after which a message that keeps failing for passing reasons goes to the failed folder. */
    static final int MAX_ATTEMPTS = 5;

    /** What a claim found. */
    enum Claim {
        /** This replica acts on the message now. */
        CLAIMED,
        /** Already handled: only move it to the processed folder. */
        HANDLED,
        /** Already given up on: only move it to the failed folder. */
        FAILED,
        /** Another replica is on it: leave it. */
        BUSY,
        /** Claimed again too often: give up on it. */
        EXHAUSTED
    }

    private final Jdbi jdbi;

    public InboxLedger(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Claims a message for this replica: a new one, one left for a retry, or one whose claim is older than
     * {@code takeOverAfter} (its reader stopped).
     *
     * @param replica the reader claiming: one name per reader start, so two readers never share a claim
     */
    Claim claim(String key, String replica, Duration takeOverAfter) {
        return jdbi.withHandle(handle -> {
            Optional<Integer> attempts = handle.createQuery("""
                    insert into inbox_message (message_key, state, replica, claimed_at)
                    values (:key, 'claimed', :replica, now())
                    on conflict (message_key) do update
                        set state = 'claimed', replica = excluded.replica, claimed_at = now(),
                            attempts = inbox_message.attempts + 1
                        where inbox_message.state = 'retry'
                           or (inbox_message.state = 'claimed'
                               and inbox_message.claimed_at < now() - make_interval(secs => :takeOverAfter))
                    returning attempts""")
                    .bind("key", key)
                    .bind("replica", replica)
                    .bind("takeOverAfter", takeOverAfter.toMillis() / 1000.0)
                    .mapTo(Integer.class)
                    .findOne();
            if (attempts.isPresent()) {
                return attempts.get() > MAX_ATTEMPTS ? Claim.EXHAUSTED : Claim.CLAIMED;
            }
            String state = handle.createQuery("select state from inbox_message where message_key = :key")
                    .bind("key", key)
                    .mapTo(String.class)
                    .findOne()
                    .orElse("claimed");
            return switch (state) {
                case "handled" -> Claim.HANDLED;
                case "failed" -> Claim.FAILED;
                default -> Claim.BUSY;
            };
        });
    }

    /** The message was acted on. */
    void handled(String key, String replica, String outcome) {
        finish(key, replica, "handled", outcome);
    }

    /** The message cannot be handled; the reason is kept. */
    void failed(String key, String replica, String reason) {
        finish(key, replica, "failed", reason);
    }

    /** Nothing was done for a passing reason (SMTP or database away): the next pass tries again. */
    void retry(String key, String replica, String reason) {
        finish(key, replica, "retry", reason);
    }

    private void finish(String key, String replica, String state, String outcome) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                update inbox_message set state = :state, outcome = :outcome, finished_at = now()
                where message_key = :key and replica = :replica""")
                .bind("state", state)
                .bind("outcome", outcome == null ? null : outcome.substring(0, Math.min(200, outcome.length())))
                .bind("key", key)
                .bind("replica", replica)
                .execute());
    }

    /**
     * Takes the right to send a status reply to this sender now: true when none was sent within {@code interval}
     * (by any replica). {@link #releaseReply} gives it back when the reply could not be sent.
     */
    boolean reserveReply(String sender, Duration interval) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                insert into inbox_reply (sender, replied_at) values (:sender, now())
                on conflict (sender) do update set replied_at = now()
                    where inbox_reply.replied_at <= now() - make_interval(secs => :interval)""")
                .bind("sender", sender.toLowerCase(Locale.ROOT))
                .bind("interval", interval.toMillis() / 1000.0)
                .execute()) == 1;
    }

    void releaseReply(String sender) {
        jdbi.useHandle(handle -> handle.createUpdate("delete from inbox_reply where sender = :sender")
                .bind("sender", sender.toLowerCase(Locale.ROOT))
                .execute());
    }

    /** A new reader's name: the host and a random part. */
    static String replicaName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "replica";
        }
        String name = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 128 ? name.substring(name.length() - 128) : name;
    }
}
