package io.heraldo.console;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;

/**
 * The delivery log of one event's notifications: the rows the fan-out keeps (failures and retries of every channel,
 * every delivery of the channels that log each one), failures first.
 */
@ApplicationScoped
public class NotificationDeliveries {

    /** One delivery as the console lists it. */
    public record Row(String id, String channel, String recipient, String state, int attempts, String lastError,
            OffsetDateTime nextAttemptAt) {

        /** Whether an operator may send it again now. */
        public boolean retriable() {
            return state.equals("failed") || state.equals("dead") || state.equals("retrying");
        }
    }

    static final int LIMIT = 200;

    private final Jdbi jdbi;

    public NotificationDeliveries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Row> ofEvent(String eventId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                select id, channel, recipient, state, attempts, last_error, next_attempt_at from delivery
                where event_id = :event
                order by state in ('failed', 'dead', 'retrying') desc, created_at desc, id limit :limit""")
                .bind("event", eventId).bind("limit", LIMIT)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)))
                .list());
    }
}
