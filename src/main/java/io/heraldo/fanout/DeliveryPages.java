package io.heraldo.fanout;


import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.Recipient;
import io.heraldo.fanout.DeliveryPage.Entry;
import io.heraldo.fanout.DeliveryPage.Ref;

/**
 * The {@code delivery_page} table: pages are planned, produced, claimed under a lease that their worker renews,
 * and recorded as they are sent. Every change of a page by a worker is conditional on its claim, so a replica that
 * lost its lease (taken for dead) can record nothing more of that page.
 */
@ApplicationScoped
public class DeliveryPages {

    private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() {
    };
    /** A page planned or requeued but not produced this long after: its producer is taken to be gone. */
    private static final Duration UNPRODUCED_GRACE = Duration.ofSeconds(5);

    /** A planned page: what to produce, and where the plan's cursor moves to. */
    public record Planned(Ref ref, String lastRecipientId, int size) {
    }

    private final Jdbi jdbi;
    private final DeliveryLog log;
    private final ObjectMapper json;

    public DeliveryPages(Jdbi jdbi, DeliveryLog log, ObjectMapper json) {
        this.jdbi = jdbi;
        this.log = log;
        this.json = json;
    }

    /** The id of page {@code number} of a notification's plan on a channel: the same however often it is planned. */
    public static String pageId(String notificationId, String channel, int number) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((notificationId + "\n" + channel + "\n" + number).getBytes(StandardCharsets.UTF_8));
            return "pg_" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records page {@code number} of a plan, with a delivery row per recipient when the channel logs every delivery.
     * A plan resumed after a crash may plan the same page number again: the page recorded first stands (its
     * recipients, its cursor), so no recipient ends up in two pages.
     */
    public Planned plan(Notification notification, String channel, int number, List<Recipient> recipients,
            boolean logged) {
        String id = pageId(notification.id(), channel, number);
        List<Entry> entries = recipients.stream()
                .map(r -> new Entry(Delivery.idOf(notification.id(), channel, r.id()), r, 1)).toList();
        return jdbi.inTransaction(handle -> {
            int inserted = handle.createUpdate("""
                    insert into delivery_page (id, notification_id, event_id, channel, logged, entries, size, done)
                    values (:id, :notification, :event, :channel, :logged, :entries, :size, '\\x'::bytea)
                    on conflict (id) do nothing""")
                    .bind("id", id)
                    .bind("notification", notification.id())
                    .bind("event", notification.eventId())
                    .bind("channel", channel)
                    .bind("logged", logged)
                    .bind("entries", toJson(entries))
                    .bind("size", entries.size())
                    .execute();
            if (inserted == 1) {
                if (logged) {
                    log.insertPending(handle, notification, channel, entries);
                }
                return new Planned(new Ref(id, channel), recipients.get(recipients.size() - 1).id(), entries.size());
            }
            List<Entry> stored = fromJson(handle.createQuery("select entries from delivery_page where id = :id")
                    .bind("id", id).mapTo(String.class).one());
            return new Planned(new Ref(id, channel), stored.get(stored.size() - 1).recipient().id(), stored.size());
        });
    }

    /** Notes that the pages' records are on the topic. */
    public void produced(Collection<String> ids) {
        jdbi.useHandle(handle -> handle.createUpdate("update delivery_page set produced_at = now() where id = any (:ids)")
                .bind("ids", ids.toArray(String[]::new)).execute());
    }

    /**
     * Claims a page for sending: one that nobody holds, or whose holder let its lease run out. Empty when it is done,
     * held by a live replica, or unknown.
     */
    public Optional<DeliveryPage> claim(String id, String replica, Duration lease) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                update delivery_page set state = 'sending', claimed_by = :replica,
                       lease_until = now() + make_interval(secs => :lease), updated_at = now()
                where id = :id and (state = 'pending' or (state = 'sending' and lease_until < now()))
                returning notification_id, event_id, channel, retry, logged, entries, done""")
                .bind("replica", replica)
                .bind("lease", seconds(lease))
                .bind("id", id)
                .map((rs, ctx) -> new DeliveryPage(id, rs.getString("notification_id"), rs.getString("event_id"),
                        rs.getString("channel"), rs.getBoolean("retry"), rs.getBoolean("logged"),
                        fromJson(rs.getString("entries")), BitSet.valueOf(rs.getBytes("done"))))
                .findOne());
    }

    /**
     * Records progress: the entries done so far, the outcomes since the last record (rows and attempts where the page
     * keeps them) and a renewed lease; the page is done when every entry is. Nothing is written, and false returned,
     * when the lease was lost to another replica.
     */
    public boolean record(DeliveryPage page, String replica, BitSet done, List<Recorded> outcomes, Duration lease) {
        int doneCount = done.cardinality();
        boolean finished = doneCount >= page.size();
        int sentWithoutRow = page.logged() ? 0
                : (int) outcomes.stream().filter(recorded -> recorded.outcome().sent()).count();
        List<Recorded> rows = page.logged() ? outcomes
                : outcomes.stream().filter(recorded -> !recorded.outcome().sent()).toList();
        return jdbi.inTransaction(handle -> {
            int held = handle.createUpdate("""
                    update delivery_page set done = :done, done_count = :doneCount, sent = sent + :sent,
                           state = case when :finished then 'done' else 'sending' end,
                           lease_until = case when :finished then null else now() + make_interval(secs => :lease) end,
                           updated_at = now()
                    where id = :id and claimed_by = :replica and state = 'sending'""")
                    .bind("done", done.toByteArray())
                    .bind("doneCount", doneCount)
                    .bind("sent", sentWithoutRow)
                    .bind("finished", finished)
                    .bind("lease", seconds(lease))
                    .bind("id", page.id())
                    .bind("replica", replica)
                    .execute();
            if (held == 0) {
                // Nothing was written: the page is another replica's now.
                return false;
            }
            log.record(handle, page, rows);
            log.carried(handle, page.notificationId(), outcomes.stream().filter(recorded -> recorded.outcome().sent())
                    .flatMap(recorded -> recorded.carried().stream()).toList());
            return true;
        });
    }

    /**
     * An outcome with the entry it is of.
     *
     * @param carried the deliveries of earlier updates a sent mail carried (coalescing)
     */
    public record Recorded(Entry entry, Outcome outcome, List<String> carried) {

        public Recorded(Entry entry, Outcome outcome) {
            this(entry, outcome, List.of());
        }
    }

    /** Renews the leases of pages being sent; returns those still held (the others were taken over). */
    public Set<String> renew(Collection<String> ids, String replica, Duration lease) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                update delivery_page set lease_until = now() + make_interval(secs => :lease)
                where id = any (:ids) and claimed_by = :replica and state = 'sending' returning id""")
                .bind("lease", seconds(lease))
                .bind("ids", ids.toArray(String[]::new))
                .bind("replica", replica)
                .mapTo(String.class).set());
    }

    /** Gives a page back unfinished (a stopping replica): claimable at once, and produced again by the sweeper. */
    public void release(String id, String replica) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                update delivery_page set state = 'pending', claimed_by = null, lease_until = null,
                       produced_at = null, updated_at = now()
                where id = :id and claimed_by = :replica and state = 'sending'""")
                .bind("id", id).bind("replica", replica).execute());
    }

    /**
     * Puts a page aside unsent, its updates waiting for an earlier one of their thread: claimable again by anyone,
     * and produced again by the sweeper only if it stays unclaimed for two leases (this replica resumes it
     * itself as soon as the earlier update settles).
     */
    public void park(String id, String replica) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                update delivery_page set state = 'pending', claimed_by = null, lease_until = null,
                       produced_at = now(), updated_at = now()
                where id = :id and claimed_by = :replica and state = 'sending'""")
                .bind("id", id).bind("replica", replica).execute());
    }

    /**
     * Pages to produce again: never produced (their producer died in between), waiting unclaimed for longer than
     * {@code unclaimedFor}, or held by a replica whose lease ran out since they were last produced (it died mid-page).
     */
    public List<Ref> lost(Duration unclaimedFor, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                update delivery_page set produced_at = now() where id in (
                    select id from delivery_page
                    where state <> 'done'
                      and ((state = 'pending' and produced_at is null
                                and created_at < now() - make_interval(secs => :grace))
                           or (state = 'pending' and produced_at < now() - make_interval(secs => :unclaimed))
                           or (state = 'sending' and lease_until < now()
                                and (produced_at is null or produced_at < lease_until)))
                    order by created_at limit :limit for update skip locked)
                returning id, channel""")
                .bind("grace", seconds(UNPRODUCED_GRACE))
                .bind("unclaimed", seconds(unclaimedFor))
                .bind("limit", limit)
                .map((rs, ctx) -> new Ref(rs.getString("id"), rs.getString("channel")))
                .list());
    }

    /**
     * Retries that are due become pages of retries (one per notification and channel, {@code pageSize} at most),
     * their deliveries pending again, all under row locks so two replicas never requeue the same ones.
     */
    public List<Ref> requeueDue(int limit, int pageSize) {
        return jdbi.inTransaction(handle -> {
            record Due(String notificationId, String eventId, String channel) {
            }
            Map<Due, List<Entry>> due = new LinkedHashMap<>();
            List<String> ids = new ArrayList<>();
            handle.createQuery("""
                    select id, notification_id, event_id, channel, recipient_data, attempts from delivery
                    where state = 'retrying' and next_attempt_at <= now()
                    order by next_attempt_at limit :limit for update skip locked""")
                    .bind("limit", limit)
                    .map((rs, ctx) -> {
                        Recipient recipient = fromJson(rs.getString("recipient_data"), Recipient.class);
                        due.computeIfAbsent(new Due(rs.getString("notification_id"), rs.getString("event_id"),
                                rs.getString("channel")), k -> new ArrayList<>())
                                .add(new Entry(rs.getString("id"), recipient, rs.getInt("attempts") + 1));
                        return rs.getString("id");
                    })
                    .forEach(ids::add);
            List<Ref> refs = new ArrayList<>();
            PreparedBatch pages = handle.prepareBatch("""
                    insert into delivery_page (id, notification_id, event_id, channel, retry, logged, entries, size, done)
                    values (:id, :notification, :event, :channel, true, true, :entries, :size, '\\x'::bytea)""");
            for (Map.Entry<Due, List<Entry>> group : due.entrySet()) {
                List<Entry> entries = group.getValue();
                for (int from = 0; from < entries.size(); from += pageSize) {
                    List<Entry> page = entries.subList(from, Math.min(entries.size(), from + pageSize));
                    String id = "rt_" + UUID.randomUUID().toString().replace("-", "");
                    pages.bind("id", id)
                            .bind("notification", group.getKey().notificationId())
                            .bind("event", group.getKey().eventId())
                            .bind("channel", group.getKey().channel())
                            .bind("entries", toJson(page))
                            .bind("size", page.size())
                            .add();
                    refs.add(new Ref(id, group.getKey().channel()));
                }
            }
            if (!refs.isEmpty()) {
                pages.execute();
                handle.createUpdate("""
                        update delivery set state = 'pending', next_attempt_at = null, updated_at = now()
                        where id = any (:ids)""")
                        .bind("ids", ids.toArray(String[]::new)).execute();
            }
            return refs;
        });
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private String toJson(List<Entry> entries) {
        try {
            return json.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Entry> fromJson(String entries) {
        try {
            return json.readValue(entries, ENTRIES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored page is not JSON", e);
        }
    }

    private <T> T fromJson(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " is not JSON", e);
        }
    }
}
