package io.heraldo.fanout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.heraldo.channel.Notification;

/**
 * The delivery log in the database: a row per delivery that needs one (every delivery of a channel that logs them
 * all; a failure or a retry of a mass channel), and every attempt of those. Statements work on whole batches
 * ({@code unnest} of arrays) because a page is hundreds of deliveries. Pages themselves are {@link DeliveryPages}'.
 */
@ApplicationScoped
public class DeliveryLog {

    /**
     * A notification, when Heraldo recorded it, and the W3C {@code traceparent} of its event's span ({@code null}
     * when tracing was off), which retried deliveries join.
     */
    public record StoredNotification(Notification notification, OffsetDateTime createdAt, String traceParent) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    /** Every delivery of a fan-out needs the same few notifications: a small cache, evicted by size. */
    private final Cache<String, StoredNotification> notifications = Caffeine.newBuilder().maximumSize(1_000).build();

    public DeliveryLog(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** The rows of a page of a channel that logs every delivery, pending from the start. */
    void insertPending(Connection c, Notification notification, String channel, List<DeliveryPage.Entry> entries)
            throws SQLException {
        int n = entries.size();
        String[] ids = new String[n];
        String[] recipientIds = new String[n];
        String[] data = new String[n];
        for (int i = 0; i < n; i++) {
            DeliveryPage.Entry entry = entries.get(i);
            ids[i] = entry.id();
            recipientIds[i] = entry.recipient().id();
            data[i] = toJson(entry.recipient());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into delivery (id, notification_id, event_id, channel, recipient, recipient_data, state)
                select id, ?, ?, ?, recipient, data, 'pending'
                from unnest(?::varchar[], ?::varchar[], ?::text[]) as t(id, recipient, data)
                on conflict (id) do nothing""")) {
            ps.setString(1, notification.id());
            ps.setString(2, notification.eventId());
            ps.setString(3, channel);
            ps.setArray(4, c.createArrayOf("varchar", ids));
            ps.setArray(5, c.createArrayOf("varchar", recipientIds));
            ps.setArray(6, c.createArrayOf("text", data));
            ps.executeUpdate();
        }
    }

    /**
     * Writes the rows and attempts of outcomes, in the caller's transaction: a delivery's row is created on its
     * first outcome that needs one (a mass channel's failure) or updated. An outcome changes a row only when it is of
     * the row's latest attempt or a newer one: a late "retrying" of an attempt taken over must not undo the newer
     * attempt's "sent" (that would send a third time). Every attempt is logged.
     */
    void record(Connection c, DeliveryPage page, List<DeliveryPages.Recorded> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        int n = outcomes.size();
        String[] ids = new String[n];
        String[] recipients = new String[n];
        String[] data = new String[n];
        String[] states = new String[n];
        String[] errors = new String[n];
        String[] external = new String[n];
        Integer[] codes = new Integer[n];
        Integer[] attempts = new Integer[n];
        Long[] durations = new Long[n];
        OffsetDateTime[] next = new OffsetDateTime[n];
        Boolean[] attempted = new Boolean[n];
        for (int i = 0; i < n; i++) {
            DeliveryPages.Recorded recorded = outcomes.get(i);
            Outcome o = recorded.outcome();
            ids[i] = o.deliveryId();
            recipients[i] = recorded.entry().recipient().id();
            // Logged rows have their recipient already; a first failure of a mass channel brings it for the retry.
            data[i] = page.logged() ? null : toJson(recorded.entry().recipient());
            states[i] = o.state();
            errors[i] = o.error();
            external[i] = o.externalId();
            codes[i] = o.statusCode();
            attempts[i] = o.attempt();
            durations[i] = o.durationMs();
            next[i] = o.nextAttemptAt();
            attempted[i] = o.attempted();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into delivery as d (id, notification_id, event_id, channel, recipient, recipient_data, state,
                                           attempts, next_attempt_at, last_error, external_id)
                select t.id, ?, ?, ?, t.recipient, coalesce(t.data, '{}'), t.state, t.attempt, t.next, t.error, t.external
                from unnest(?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::int[], ?::timestamptz[], ?::text[],
                            ?::varchar[]) as t(id, recipient, data, state, attempt, next, error, external)
                on conflict (id) do update set state = excluded.state, attempts = excluded.attempts,
                       next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error,
                       external_id = coalesce(excluded.external_id, d.external_id), claimed_at = null,
                       updated_at = now()
                where d.attempts <= excluded.attempts""")) {
            ps.setString(1, page.notificationId());
            ps.setString(2, page.eventId());
            ps.setString(3, page.channel());
            ps.setArray(4, c.createArrayOf("varchar", ids));
            ps.setArray(5, c.createArrayOf("varchar", recipients));
            ps.setArray(6, c.createArrayOf("text", data));
            ps.setArray(7, c.createArrayOf("varchar", states));
            ps.setArray(8, c.createArrayOf("int4", attempts));
            ps.setArray(9, c.createArrayOf("timestamptz", next));
            ps.setArray(10, c.createArrayOf("text", errors));
            ps.setArray(11, c.createArrayOf("varchar", external));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into delivery_attempt (delivery_id, attempt, outcome, status_code, duration_ms, error)
                select id, attempt, outcome, code, duration, error
                from unnest(?::varchar[], ?::int[], ?::varchar[], ?::int[], ?::int[], ?::text[], ?::boolean[])
                     as t(id, attempt, outcome, code, duration, error, attempted)
                where attempted""")) {
            ps.setArray(1, c.createArrayOf("varchar", ids));
            ps.setArray(2, c.createArrayOf("int4", attempts));
            ps.setArray(3, c.createArrayOf("varchar", states));
            ps.setArray(4, c.createArrayOf("int4", codes));
            ps.setArray(5, c.createArrayOf("int8", durations));
            ps.setArray(6, c.createArrayOf("text", errors));
            ps.setArray(7, c.createArrayOf("boolean", attempted));
            ps.executeUpdate();
        }
    }

    /**
     * Sends a delivery again, whatever became of it: it is due now and the sweeper puts it back on the topic. Its
     * id, hence its {@code webhook-id} or {@code Message-ID}, stays the same.
     *
     * @return false when there is no such delivery on that channel
     */
    public boolean replay(String channel, String deliveryId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update delivery set state = 'retrying', next_attempt_at = now(), claimed_at = null, updated_at = now()
                where id = ? and channel = ? and state in ('sent', 'failed', 'dead', 'retrying')""")) {
            ps.setString(1, deliveryId);
            ps.setString(2, channel);
            return ps.executeUpdate() == 1;
        }
    }

    /** One delivery as the admin API shows it, with every attempt. */
    public record DeliveryView(String id, String notificationId, String eventId, String state, int attempts,
            String lastError, OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, List<AttemptView> attemptLog) {
    }

    public record AttemptView(int attempt, String outcome, Integer statusCode, Integer durationMs, String error,
            OffsetDateTime attemptedAt) {
    }

    /** The latest deliveries to one recipient of a channel, newest first, with their attempts. */
    public List<DeliveryView> deliveriesTo(String channel, String recipientId, int limit) throws SQLException {
        Map<String, List<AttemptView>> attempts = new HashMap<>();
        List<DeliveryView> deliveries = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    select a.delivery_id, a.attempt, a.outcome, a.status_code, a.duration_ms, a.error, a.attempted_at
                    from delivery_attempt a join (select id from delivery where channel = ? and recipient = ?
                                                  order by created_at desc limit ?) d on d.id = a.delivery_id
                    order by a.delivery_id, a.attempt""")) {
                ps.setString(1, channel);
                ps.setString(2, recipientId);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        attempts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new AttemptView(rs.getInt(2),
                                rs.getString(3), (Integer) rs.getObject(4), (Integer) rs.getObject(5), rs.getString(6),
                                rs.getObject(7, OffsetDateTime.class)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select id, notification_id, event_id, state, attempts, last_error, next_attempt_at, created_at
                    from delivery where channel = ? and recipient = ? order by created_at desc limit ?""")) {
                ps.setString(1, channel);
                ps.setString(2, recipientId);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        deliveries.add(new DeliveryView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getInt(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                                rs.getObject(8, OffsetDateTime.class), attempts.getOrDefault(rs.getString(1), List.of())));
                    }
                }
            }
        }
        return deliveries;
    }

    /** A notification by id, cached: every delivery of a fan-out needs the same one. */
    public StoredNotification notification(String id) throws SQLException {
        StoredNotification cached = notifications.getIfPresent(id);
        if (cached != null) {
            return cached;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select payload, created_at, trace_parent from notification where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no notification " + id);
                }
                StoredNotification stored = new StoredNotification(json.readValue(rs.getString(1), Notification.class),
                        rs.getObject(2, OffsetDateTime.class), rs.getString(3));
                notifications.put(id, stored);
                return stored;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored notification " + id + " is not JSON", e);
            }
        }
    }

    /** Per channel and state, the deliveries of an event's notifications; empty when the event is unknown. */
    public Optional<Map<String, Map<String, Long>>> countsForEvent(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    select exists (select 1 from applied_event where event_id = ?)
                        or exists (select 1 from notification where event_id = ?)""")) {
                ps.setString(1, eventId);
                ps.setString(2, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return Optional.empty();
                    }
                }
            }
            Map<String, Map<String, Long>> counts = new HashMap<>();
            // Rows, plus what pages of a mass channel count without rows: their successes and what is still to send.
            try (PreparedStatement ps = c.prepareStatement("""
                    select channel, state, count(*) from delivery where event_id = ? group by channel, state
                    union all
                    select channel, 'sent', sum(sent) from delivery_page
                    where event_id = ? and not logged group by channel
                    union all
                    select channel, 'pending', sum(size - done_count) from delivery_page
                    where event_id = ? and not logged and state <> 'done' group by channel""")) {
                ps.setString(1, eventId);
                ps.setString(2, eventId);
                ps.setString(3, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).merge(rs.getString(2),
                                rs.getLong(3), Long::sum);
                    }
                }
            }
            return Optional.of(counts);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
