package io.heraldo.fanout;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

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

    /** One delivery as the admin API shows it, with every attempt. */
    public record DeliveryView(String id, String notificationId, String eventId, String state, int attempts,
            String lastError, OffsetDateTime nextAttemptAt, OffsetDateTime createdAt, List<AttemptView> attemptLog) {
    }

    public record AttemptView(int attempt, String outcome, Integer statusCode, Integer durationMs, String error,
            OffsetDateTime attemptedAt) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    /** Every delivery of a fan-out needs the same few notifications: a small cache, evicted by size. */
    private final Cache<String, StoredNotification> notifications = Caffeine.newBuilder().maximumSize(1_000).build();

    public DeliveryLog(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** The rows of a page of a channel that logs every delivery, pending from the start. */
    void insertPending(Handle handle, Notification notification, String channel, List<DeliveryPage.Entry> entries) {
        handle.createUpdate("""
                insert into delivery (id, notification_id, event_id, channel, recipient, recipient_data, state)
                select id, :notification, :event, :channel, recipient, data, 'pending'
                from unnest(:ids::varchar[], :recipients::varchar[], :data::text[]) as t(id, recipient, data)
                on conflict (id) do nothing""")
                .bind("notification", notification.id())
                .bind("event", notification.eventId())
                .bind("channel", channel)
                .bind("ids", entries.stream().map(DeliveryPage.Entry::id).toArray(String[]::new))
                .bind("recipients", entries.stream().map(entry -> entry.recipient().id()).toArray(String[]::new))
                .bind("data", entries.stream().map(entry -> toJson(entry.recipient())).toArray(String[]::new))
                .execute();
    }

    /**
     * Writes the rows and attempts of outcomes, in the caller's transaction: a delivery's row is created on its
     * first outcome that needs one (a mass channel's failure) or updated. An outcome changes a row only when it is of
     * the row's latest attempt or a newer one: a late "retrying" of an attempt taken over must not undo the newer
     * attempt's "sent" (that would send a third time). Every attempt is logged; a wait is not an attempt.
     */
    void record(Handle handle, DeliveryPage page, List<DeliveryPages.Recorded> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        List<Outcome> o = outcomes.stream().map(DeliveryPages.Recorded::outcome).toList();
        String[] ids = o.stream().map(Outcome::deliveryId).toArray(String[]::new);
        Integer[] attempts = o.stream().map(Outcome::attempt).toArray(Integer[]::new);
        String[] states = o.stream().map(Outcome::state).toArray(String[]::new);
        String[] errors = o.stream().map(Outcome::error).toArray(String[]::new);
        handle.createUpdate("""
                insert into delivery as d (id, notification_id, event_id, channel, recipient, recipient_data, state,
                                           attempts, next_attempt_at, last_error, external_id)
                select t.id, :notification, :event, :channel, t.recipient, coalesce(t.data, '{}'), t.state, t.attempt,
                       t.next, t.error, t.external
                from unnest(:ids::varchar[], :recipients::varchar[], :data::text[], :states::varchar[], :attempts::int[],
                            :next::timestamptz[], :errors::text[], :external::varchar[])
                     as t(id, recipient, data, state, attempt, next, error, external)
                on conflict (id) do update set state = excluded.state, attempts = excluded.attempts,
                       next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error,
                       external_id = coalesce(excluded.external_id, d.external_id), claimed_at = null,
                       updated_at = now()
                where d.attempts <= excluded.attempts""")
                .bind("notification", page.notificationId())
                .bind("event", page.eventId())
                .bind("channel", page.channel())
                .bind("ids", ids)
                .bind("recipients", outcomes.stream().map(r -> r.entry().recipient().id()).toArray(String[]::new))
                // Logged rows have their recipient already; a first failure of a mass channel brings it for the retry.
                .bind("data", outcomes.stream().map(r -> page.logged() ? null : toJson(r.entry().recipient()))
                        .toArray(String[]::new))
                .bind("states", states)
                .bind("attempts", attempts)
                .bind("next", o.stream().map(x -> x.nextAttemptAt() == null ? null : x.nextAttemptAt().toString())
                        .toArray(String[]::new))
                .bind("errors", errors)
                .bind("external", o.stream().map(Outcome::externalId).toArray(String[]::new))
                .execute();
        handle.createUpdate("""
                insert into delivery_attempt (delivery_id, attempt, outcome, status_code, duration_ms, error)
                select id, attempt, outcome, code, duration, error
                from unnest(:ids::varchar[], :attempts::int[], :states::varchar[], :codes::int[], :durations::int[],
                            :errors::text[], :attempted::boolean[])
                     as t(id, attempt, outcome, code, duration, error, attempted)
                where attempted""")
                .bind("ids", ids)
                .bind("attempts", attempts)
                .bind("states", states)
                .bind("codes", o.stream().map(Outcome::statusCode).toArray(Integer[]::new))
                .bind("durations", o.stream().map(x -> (int) Math.min(Integer.MAX_VALUE, x.durationMs()))
                        .toArray(Integer[]::new))
                .bind("errors", errors)
                .bind("attempted", o.stream().map(Outcome::attempted).toArray(Boolean[]::new))
                .execute();
    }

    /**
     * Deliveries of earlier updates that a sent mail of {@code notificationId} carried: coalesced, and no retry of
     * theirs goes any more.
     */
    void carried(Handle handle, String notificationId, List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        handle.createUpdate("""
                update delivery set state = 'coalesced', carried_by = :by, next_attempt_at = null, updated_at = now()
                where id = any (:ids) and carried_by is null and state <> 'sent'""")
                .bind("by", notificationId)
                .bind("ids", deliveryIds.toArray(String[]::new))
                .execute();
    }

    /**
     * Sends a delivery again, whatever became of it: it is due now and the sweeper puts it back on the topic. Its
     * id, hence its {@code webhook-id} or {@code Message-ID}, stays the same. A delivery already waiting in a page is
     * left as it is.
     *
     * @return false when there is no such delivery on that channel
     */
    public boolean replay(String channel, String deliveryId) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                update delivery set state = 'retrying', next_attempt_at = now(), claimed_at = null, updated_at = now()
                where id = :id and channel = :channel and state in ('sent', 'failed', 'dead', 'retrying')""")
                .bind("id", deliveryId).bind("channel", channel).execute() == 1);
    }

    /** The latest deliveries to one recipient of a channel, newest first, with their attempts. */
    public List<DeliveryView> deliveriesTo(String channel, String recipientId, int limit) {
        return jdbi.withHandle(handle -> {
            Map<String, List<AttemptView>> attempts = new HashMap<>();
            handle.createQuery("""
                    select a.delivery_id, a.attempt, a.outcome, a.status_code, a.duration_ms, a.error, a.attempted_at
                    from delivery_attempt a join (select id from delivery where channel = :channel and recipient = :recipient
                                                  order by created_at desc limit :limit) d on d.id = a.delivery_id
                    order by a.delivery_id, a.attempt""")
                    .bind("channel", channel).bind("recipient", recipientId).bind("limit", limit)
                    .map((rs, ctx) -> {
                        attempts.computeIfAbsent(rs.getString("delivery_id"), k -> new ArrayList<>()).add(new AttemptView(
                                rs.getInt("attempt"), rs.getString("outcome"), (Integer) rs.getObject("status_code"),
                                (Integer) rs.getObject("duration_ms"), rs.getString("error"),
                                rs.getObject("attempted_at", OffsetDateTime.class)));
                        return Boolean.TRUE;
                    })
                    .list();
            return handle.createQuery("""
                    select id, notification_id, event_id, state, attempts, last_error, next_attempt_at, created_at
                    from delivery where channel = :channel and recipient = :recipient order by created_at desc limit :limit""")
                    .bind("channel", channel).bind("recipient", recipientId).bind("limit", limit)
                    .map((rs, ctx) -> new DeliveryView(rs.getString("id"), rs.getString("notification_id"),
                            rs.getString("event_id"), rs.getString("state"), rs.getInt("attempts"),
                            rs.getString("last_error"), rs.getObject("next_attempt_at", OffsetDateTime.class),
                            rs.getObject("created_at", OffsetDateTime.class),
                            attempts.getOrDefault(rs.getString("id"), List.of())))
                    .list();
        });
    }

    /** A notification by id, cached: every delivery of a fan-out needs the same one. */
    public StoredNotification notification(String id) {
        return notifications.get(id, key -> jdbi.withHandle(handle -> handle.createQuery(
                "select payload, created_at, trace_parent from notification where id = :id")
                .bind("id", key)
                .map((rs, ctx) -> new StoredNotification(fromJson(rs.getString("payload"), key),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getString("trace_parent")))
                .findOne()
                .orElseThrow(() -> new IllegalStateException("no notification " + key))));
    }

    /** Per channel and state, the deliveries of an event's notifications; empty when the event is unknown. */
    public Optional<Map<String, Map<String, Long>>> countsForEvent(String eventId) {
        return jdbi.withHandle(handle -> {
            boolean known = handle.createQuery("""
                    select exists (select 1 from applied_event where event_id = :event)
                        or exists (select 1 from notification where event_id = :event)""")
                    .bind("event", eventId).mapTo(Boolean.class).one();
            if (!known) {
                return Optional.empty();
            }
            Map<String, Map<String, Long>> counts = new HashMap<>();
            // Rows, plus what pages of a mass channel count without rows: their successes and what is still to send.
            handle.createQuery("""
                    select channel, state, count(*) as n from delivery where event_id = :event group by channel, state
                    union all
                    select channel, 'sent', sum(sent) from delivery_page
                    where event_id = :event and not logged group by channel
                    union all
                    select channel, 'pending', sum(size - done_count) from delivery_page
                    where event_id = :event and not logged and state <> 'done' group by channel""")
                    .bind("event", eventId)
                    .map((rs, ctx) -> counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .merge(rs.getString(2), rs.getLong(3), Long::sum))
                    .list();
            return Optional.of(counts);
        });
    }

    private Notification fromJson(String payload, String id) {
        try {
            return json.readValue(payload, Notification.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification " + id + " is not JSON", e);
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
