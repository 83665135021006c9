package io.heraldo.fanout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.Recipient;

/**
 * The delivery log in the database: every delivery's state, every attempt. Deliveries are claimed before they are
 * sent and marked after; statements work on whole batches ({@code unnest} of arrays) because a fan-out is
 * thousands of them.
 */
@ApplicationScoped
public class DeliveryLog {

    /** One attempt's outcome, as recorded. */
    public record Outcome(String deliveryId, int attempt, String state, Integer statusCode, long durationMs,
            String error, OffsetDateTime nextAttemptAt) {
    }

    /**
     * A notification, when Heraldo recorded it, and the W3C {@code traceparent} of its event's span ({@code null}
     * when tracing was off), which retried deliveries join.
     */
    public record StoredNotification(Notification notification, OffsetDateTime createdAt, String traceParent) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Map<String, StoredNotification> notifications = new ConcurrentHashMap<>();

    public DeliveryLog(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Records a page of planned deliveries as pending; already planned ones (a resumed plan) are left alone. */
    public void plan(Notification notification, String channel, List<Recipient> recipients) throws SQLException {
        int n = recipients.size();
        String[] ids = new String[n];
        String[] recipientIds = new String[n];
        String[] data = new String[n];
        for (int i = 0; i < n; i++) {
            Recipient recipient = recipients.get(i);
            ids[i] = Delivery.idOf(notification.id(), channel, recipient.id());
            recipientIds[i] = recipient.id();
            data[i] = toJson(recipient);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
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
     * Claims deliveries for sending: those pending, retries whose time has come, or in flight for longer than
     * {@code inFlightTimeout} (their replica is taken to be gone). Returns the attempt number of each one claimed;
     * the others were sent already or are being sent elsewhere.
     * <p>
     * Due retries are claimable because {@link #requeueDue} produces them before its transaction marks them
     * pending: a worker that receives one first finds it still {@code retrying}, waits on the sweeper's row lock and
     * then sees it pending. Were only {@code pending} claimable, PostgreSQL would skip the row without waiting and
     * the retry would be lost.
     */
    public Map<String, Integer> claim(List<String> ids, Duration inFlightTimeout) throws SQLException {
        Map<String, Integer> claimed = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update delivery set state = 'sending', attempts = attempts + 1, claimed_at = now(), updated_at = now()
                where id = any (?)
                  and (state = 'pending'
                       or (state = 'retrying' and next_attempt_at <= now())
                       or (state = 'sending' and claimed_at < now() - make_interval(secs => ?)))
                returning id, attempts""")) {
            ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            ps.setDouble(2, inFlightTimeout.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return claimed;
    }

    /**
     * Marks the outcomes of a batch of attempts and logs the attempts, in one transaction. An outcome changes the
     * delivery only while its attempt is the delivery's latest: a replica that stalled past the in-flight timeout
     * may report after another replica claimed the delivery again, and its late "retrying" must not undo the other's
     * "sent" (that would send a third time). The late attempt is still logged.
     */
    public void record(List<Outcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        int n = outcomes.size();
        String[] ids = new String[n];
        String[] states = new String[n];
        String[] errors = new String[n];
        Integer[] codes = new Integer[n];
        Integer[] attempts = new Integer[n];
        Long[] durations = new Long[n];
        OffsetDateTime[] next = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.deliveryId();
            states[i] = o.state();
            errors[i] = o.error();
            codes[i] = o.statusCode();
            attempts[i] = o.attempt();
            durations[i] = o.durationMs();
            next[i] = o.nextAttemptAt();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("""
                        update delivery d set state = t.state, last_error = t.error, next_attempt_at = t.next,
                               claimed_at = null, updated_at = now()
                        from unnest(?::varchar[], ?::varchar[], ?::text[], ?::timestamptz[], ?::int[])
                             as t(id, state, error, next, attempt)
                        where d.id = t.id and d.attempts = t.attempt""")) {
                    ps.setArray(1, c.createArrayOf("varchar", ids));
                    ps.setArray(2, c.createArrayOf("varchar", states));
                    ps.setArray(3, c.createArrayOf("text", errors));
                    ps.setArray(4, c.createArrayOf("timestamptz", next));
                    ps.setArray(5, c.createArrayOf("int4", attempts));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into delivery_attempt (delivery_id, attempt, outcome, status_code, duration_ms, error)
                        select * from unnest(?::varchar[], ?::int[], ?::varchar[], ?::int[], ?::int[], ?::text[])""")) {
                    ps.setArray(1, c.createArrayOf("varchar", ids));
                    ps.setArray(2, c.createArrayOf("int4", attempts));
                    ps.setArray(3, c.createArrayOf("varchar", states));
                    ps.setArray(4, c.createArrayOf("int4", codes));
                    ps.setArray(5, c.createArrayOf("int8", durations));
                    ps.setArray(6, c.createArrayOf("text", errors));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Deliveries whose replica vanished mid-send become retries due now. */
    public int releaseStale(Duration inFlightTimeout) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update delivery set state = 'retrying', next_attempt_at = now(), claimed_at = null, updated_at = now()
                where state = 'sending' and claimed_at < now() - make_interval(secs => ?)""")) {
            ps.setDouble(1, inFlightTimeout.toMillis() / 1000.0);
            return ps.executeUpdate();
        }
    }

    /**
     * Retries that are due: handed to {@code requeue} (which produces them) and, once it returned, made pending
     * again — all under row locks, so two replicas never requeue the same ones.
     */
    public int requeueDue(int limit, java.util.function.Consumer<List<DeliveryRecord>> requeue) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<DeliveryRecord> due = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        select id, notification_id, channel, recipient_data, attempts from delivery
                        where state = 'retrying' and next_attempt_at <= now()
                        order by next_attempt_at limit ? for update skip locked""")) {
                    ps.setInt(1, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            due.add(new DeliveryRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                                    json.readValue(rs.getString(4), Recipient.class), rs.getInt(5) + 1));
                        }
                    }
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored recipient is not JSON", e);
                }
                if (!due.isEmpty()) {
                    requeue.accept(due);
                    try (PreparedStatement ps = c.prepareStatement(
                            "update delivery set state = 'pending', next_attempt_at = null, updated_at = now() where id = any (?)")) {
                        ps.setArray(1, c.createArrayOf("varchar", due.stream().map(DeliveryRecord::id).toArray()));
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return due.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
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
                where id = ? and channel = ? and state <> 'sending'""")) {
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
        StoredNotification cached = notifications.get(id);
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
                if (notifications.size() > 10_000) {
                    notifications.clear();
                }
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
            try (PreparedStatement ps = c.prepareStatement(
                    "select channel, state, count(*) from delivery where event_id = ? group by channel, state")) {
                ps.setString(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getLong(3));
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
