package io.heraldo.inbox;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

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

    private final DataSource dataSource;

    public InboxLedger(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims a message for this replica: a new one, one left for a retry, or one whose claim is older than
     * {@code takeOverAfter} (its reader stopped).
     *
     * @param replica the reader claiming: one name per reader start, so two readers never share a claim
     */
    Claim claim(String key, String replica, Duration takeOverAfter) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into inbox_message (message_key, state, replica, claimed_at) values (?, 'claimed', ?, now())
                    on conflict (message_key) do update
                        set state = 'claimed', replica = excluded.replica, claimed_at = now(),
                            attempts = inbox_message.attempts + 1
                        where inbox_message.state = 'retry'
                           or (inbox_message.state = 'claimed'
                               and inbox_message.claimed_at < now() - make_interval(secs => ?))
                    returning attempts""")) {
                ps.setString(1, key);
                ps.setString(2, replica);
                ps.setDouble(3, takeOverAfter.toMillis() / 1000.0);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1) > MAX_ATTEMPTS ? Claim.EXHAUSTED : Claim.CLAIMED;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select state from inbox_message where message_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    String state = rs.next() ? rs.getString(1) : "claimed";
                    return switch (state) {
                        case "handled" -> Claim.HANDLED;
                        case "failed" -> Claim.FAILED;
                        default -> Claim.BUSY;
                    };
                }
            }
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
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update inbox_message set state = ?, outcome = ?, finished_at = now()
                    where message_key = ? and replica = ?""")) {
                ps.setString(1, state);
                ps.setString(2, outcome == null ? null : outcome.substring(0, Math.min(200, outcome.length())));
                ps.setString(3, key);
                ps.setString(4, replica);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Takes the right to send a status reply to this sender now: true when none was sent within {@code interval}
     * (by any replica). {@link #releaseReply} gives it back when the reply could not be sent.
     */
    boolean reserveReply(String sender, Duration interval) {
        return run(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into inbox_reply (sender, replied_at) values (?, now())
                    on conflict (sender) do update set replied_at = now()
                        where inbox_reply.replied_at <= now() - make_interval(secs => ?)""")) {
                ps.setString(1, sender.toLowerCase(Locale.ROOT));
                ps.setDouble(2, interval.toMillis() / 1000.0);
                return ps.executeUpdate() == 1;
            }
        });
    }

    void releaseReply(String sender) {
        run(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from inbox_reply where sender = ?")) {
                ps.setString(1, sender.toLowerCase(Locale.ROOT));
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
            throw new IllegalStateException("the inbox ledger failed: " + e.getMessage(), e);
        }
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
