package io.heraldo.audience;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

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

    private final DataSource dataSource;

    public ConfirmationQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues the mail of an opt-in, in the opt-in's transaction (two parameters: subscriber id, nonce). A statement of
     * its own, or the tail of one with other work (see {@code SubscriberRepository}).
     */
    static final String INSERT = "insert into confirmation_mail (subscriber_id, confirm_nonce) values (?, ?)";

    /** Takes up to {@code limit} due mails for this sender, oldest first, for {@code lease}. */
    List<Queued> take(int limit, Duration lease) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update confirmation_mail
                    set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ?)
                    where id in (select id from confirmation_mail
                                 where next_attempt_at <= now()
                                 order by next_attempt_at, id
                                 limit ?
                                 for update skip locked)
                    returning id, subscriber_id, confirm_nonce, attempts, created_at""")) {
                ps.setDouble(1, lease.toMillis() / 1000.0);
                ps.setInt(2, limit);
                List<Queued> taken = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        taken.add(new Queued(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4),
                                rs.getObject(5, OffsetDateTime.class)));
                    }
                }
                return taken;
            }
        });
    }

    /** Sent, or never to be sent: the row goes. */
    void done(long id) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from confirmation_mail where id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Not sent for a passing reason: tried again after {@code wait}. */
    void retryLater(long id, Duration wait, String error) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update confirmation_mail set next_attempt_at = now() + make_interval(secs => ?), last_error = ?
                    where id = ?""")) {
                ps.setDouble(1, wait.toMillis() / 1000.0);
                ps.setString(2, error == null ? null : error.substring(0, Math.min(500, error.length())));
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("the confirmation queue failed: " + e.getMessage(), e);
        }
    }
}
