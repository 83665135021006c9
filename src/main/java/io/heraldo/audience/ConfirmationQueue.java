package io.heraldo.audience;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;

/**
 * Confirmation mails waiting to be sent ({@code confirmation_mail}). A row is written in the transaction that starts
 * the opt-in, so a request that was answered always has its mail on the way, and deleted only once the relay took
 * the mail: a crash in between sends it again, never loses it.
 * <p>
 * Every replica sends. A sender takes rows {@code for update skip locked} and moves their next attempt a lease ahead
 * in the same statement, so no other replica takes them while they are sent; a sender that dies leaves them to be
 * taken again when the lease ends.
 */
@ApplicationScoped
public class ConfirmationQueue {

    /** A mail to send: whose, with which nonce in its link, and how often it was tried (this time included). */
    record Queued(long id, UUID subscriberId, String nonce, int attempts, OffsetDateTime queuedAt) {
    }

    private final Jdbi jdbi;

    public ConfirmationQueue(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Queues the mail of an opt-in, in the opt-in's transaction (named parameters {@code subscriberId}, {@code nonce}).
     * A statement of its own, or the tail of one with other work (see {@link SubscriberOutbox#addWithConfirmation}).
     */
    static final String INSERT =
            "insert into confirmation_mail (subscriber_id, confirm_nonce) values (:subscriberId, :nonce)";

    /** Takes up to {@code limit} due mails for this sender, oldest first, for {@code lease}. */
    List<Queued> take(int limit, Duration lease) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                update confirmation_mail
                set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => :lease)
                where id in (select id from confirmation_mail
                             where next_attempt_at <= now()
                             order by next_attempt_at, id
                             limit :limit
                             for update skip locked)
                returning id, subscriber_id, confirm_nonce, attempts, created_at""")
                .bind("lease", lease.toMillis() / 1000.0)
                .bind("limit", limit)
                .map((rs, ctx) -> new Queued(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4),
                        rs.getObject(5, OffsetDateTime.class)))
                .list());
    }

    /** Sent, or never to be sent: the row goes. */
    void done(long id) {
        jdbi.useHandle(handle -> handle.createUpdate("delete from confirmation_mail where id = :id")
                .bind("id", id)
                .execute());
    }

    /** Not sent for a passing reason: tried again after {@code wait}. */
    void retryLater(long id, Duration wait, String error) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                update confirmation_mail set next_attempt_at = now() + make_interval(secs => :wait), last_error = :error
                where id = :id""")
                .bind("wait", wait.toMillis() / 1000.0)
                .bind("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
                .bind("id", id)
                .execute());
    }
}
