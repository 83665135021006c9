package io.heraldo.fanout;

import static io.heraldo.platform.Transactions.inTransaction;
import static io.heraldo.platform.Transactions.withConnection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

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

    private final DataSource dataSource;
    private final DeliveryLog log;
    private final ObjectMapper json;

    public DeliveryPages(DataSource dataSource, DeliveryLog log, ObjectMapper json) {
        this.dataSource = dataSource;
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
            boolean logged) throws SQLException {
        String id = pageId(notification.id(), channel, number);
        List<Entry> entries = recipients.stream()
                .map(r -> new Entry(Delivery.idOf(notification.id(), channel, r.id()), r, 1)).toList();
        return inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into delivery_page (id, notification_id, event_id, channel, logged, entries, size, done)
                    values (?, ?, ?, ?, ?, ?, ?, '\\x'::bytea) on conflict (id) do nothing""")) {
                ps.setString(1, id);
                ps.setString(2, notification.id());
                ps.setString(3, notification.eventId());
                ps.setString(4, channel);
                ps.setBoolean(5, logged);
                ps.setString(6, toJson(entries));
                ps.setInt(7, entries.size());
                if (ps.executeUpdate() == 1) {
                    if (logged) {
                        log.insertPending(c, notification, channel, entries);
                    }
                    return new Planned(new Ref(id, channel), recipients.get(recipients.size() - 1).id(), entries.size());
                }
            }
            List<Entry> stored = entries(c, id);
            return new Planned(new Ref(id, channel), stored.get(stored.size() - 1).recipient().id(), stored.size());
        });
    }

    private List<Entry> entries(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select entries from delivery_page where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return fromJson(rs.getString(1));
            }
        }
    }

    /** Notes that the pages' records are on the topic. */
    public void produced(Collection<String> ids) throws SQLException {
        withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update delivery_page set produced_at = now() where id = any (?)")) {
                ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Claims a page for sending: one that nobody holds, or whose holder let its lease run out. Empty when it is done,
     * held by a live replica, or unknown.
     */
    public Optional<DeliveryPage> claim(String id, String replica, Duration lease) throws SQLException {
        return withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update delivery_page set state = 'sending', claimed_by = ?,
                           lease_until = now() + make_interval(secs => ?), updated_at = now()
                    where id = ? and (state = 'pending' or (state = 'sending' and lease_until < now()))
                    returning notification_id, event_id, channel, retry, logged, entries, done""")) {
                ps.setString(1, replica);
                ps.setDouble(2, seconds(lease));
                ps.setString(3, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new DeliveryPage(id, rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getBoolean(4), rs.getBoolean(5), fromJson(rs.getString(6)), BitSet.valueOf(rs.getBytes(7))));
                }
            }
        });
    }

    /**
     * Records progress: the entries done so far, the outcomes since the last record (rows and attempts where the page
     * keeps them) and a renewed lease; the page is done when every entry is. Nothing is written, and false returned,
     * when the lease was lost to another replica.
     */
    public boolean record(DeliveryPage page, String replica, BitSet done, List<Recorded> outcomes, Duration lease)
            throws SQLException {
        int doneCount = done.cardinality();
        boolean finished = doneCount >= page.size();
        int sentWithoutRow = page.logged() ? 0
                : (int) outcomes.stream().filter(recorded -> recorded.outcome().sent()).count();
        List<Recorded> rows = page.logged() ? outcomes
                : outcomes.stream().filter(recorded -> !recorded.outcome().sent()).toList();
        return inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update delivery_page set done = ?, done_count = ?, sent = sent + ?,
                           state = case when ? then 'done' else 'sending' end,
                           lease_until = case when ? then null else now() + make_interval(secs => ?) end,
                           updated_at = now()
                    where id = ? and claimed_by = ? and state = 'sending'""")) {
                ps.setBytes(1, done.toByteArray());
                ps.setInt(2, doneCount);
                ps.setInt(3, sentWithoutRow);
                ps.setBoolean(4, finished);
                ps.setBoolean(5, finished);
                ps.setDouble(6, seconds(lease));
                ps.setString(7, page.id());
                ps.setString(8, replica);
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            log.record(c, page, rows);
            return true;
        });
    }

    /** An outcome with the entry it is of. */
    public record Recorded(Entry entry, Outcome outcome) {
    }

    /** Renews the leases of pages being sent; returns those still held (the others were taken over). */
    public Set<String> renew(Collection<String> ids, String replica, Duration lease) throws SQLException {
        return withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update delivery_page set lease_until = now() + make_interval(secs => ?)
                    where id = any (?) and claimed_by = ? and state = 'sending' returning id""")) {
                ps.setDouble(1, seconds(lease));
                ps.setArray(2, c.createArrayOf("varchar", ids.toArray()));
                ps.setString(3, replica);
                Set<String> held = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.add(rs.getString(1));
                    }
                }
                return held;
            }
        });
    }

    /** Gives a page back unfinished (a stopping replica): claimable at once, and produced again by the sweeper. */
    public void release(String id, String replica) throws SQLException {
        withConnection(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update delivery_page set state = 'pending', claimed_by = null, lease_until = null,
                           produced_at = null, updated_at = now()
                    where id = ? and claimed_by = ? and state = 'sending'""")) {
                ps.setString(1, id);
                ps.setString(2, replica);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Pages to produce again: never produced (their producer died in between), waiting unclaimed for longer than
     * {@code unclaimedFor}, or held by a replica whose lease ran out since they were last produced (it died mid-page).
     */
    public List<Ref> lost(Duration unclaimedFor, int limit) throws SQLException {
        return inTransaction(dataSource, c -> {
            List<Ref> refs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    update delivery_page set produced_at = now() where id in (
                        select id from delivery_page
                        where state <> 'done'
                          and ((state = 'pending' and produced_at is null
                                    and created_at < now() - make_interval(secs => ?))
                               or (state = 'pending' and produced_at < now() - make_interval(secs => ?))
                               or (state = 'sending' and lease_until < now()
                                    and (produced_at is null or produced_at < lease_until)))
                        order by created_at limit ? for update skip locked)
                    returning id, channel""")) {
                ps.setDouble(1, seconds(UNPRODUCED_GRACE));
                ps.setDouble(2, seconds(unclaimedFor));
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        refs.add(new Ref(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return refs;
        });
    }

    /**
     * Retries that are due become pages of retries (one per notification and channel, {@code pageSize} at most),
     * their deliveries pending again, all under row locks so two replicas never requeue the same ones.
     */
    public List<Ref> requeueDue(int limit, int pageSize) throws SQLException {
        return inTransaction(dataSource, c -> {
            record Due(String notificationId, String eventId, String channel) {
            }
            Map<Due, List<Entry>> due = new LinkedHashMap<>();
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select id, notification_id, event_id, channel, recipient_data, attempts from delivery
                    where state = 'retrying' and next_attempt_at <= now()
                    order by next_attempt_at limit ? for update skip locked""")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Recipient recipient = json.readValue(rs.getString(5), Recipient.class);
                        due.computeIfAbsent(new Due(rs.getString(2), rs.getString(3), rs.getString(4)),
                                k -> new ArrayList<>()).add(new Entry(rs.getString(1), recipient, rs.getInt(6) + 1));
                        ids.add(rs.getString(1));
                    }
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored recipient is not JSON", e);
            }
            List<Ref> refs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into delivery_page (id, notification_id, event_id, channel, retry, logged, entries, size, done)
                    values (?, ?, ?, ?, true, true, ?, ?, '\\x'::bytea)""")) {
                for (Map.Entry<Due, List<Entry>> group : due.entrySet()) {
                    List<Entry> entries = group.getValue();
                    for (int from = 0; from < entries.size(); from += pageSize) {
                        List<Entry> page = entries.subList(from, Math.min(entries.size(), from + pageSize));
                        String id = "rt_" + UUID.randomUUID().toString().replace("-", "");
                        ps.setString(1, id);
                        ps.setString(2, group.getKey().notificationId());
                        ps.setString(3, group.getKey().eventId());
                        ps.setString(4, group.getKey().channel());
                        ps.setString(5, toJson(page));
                        ps.setInt(6, page.size());
                        ps.addBatch();
                        refs.add(new Ref(id, group.getKey().channel()));
                    }
                }
                ps.executeBatch();
            }
            if (!ids.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        update delivery set state = 'pending', next_attempt_at = null, updated_at = now()
                        where id = any (?)""")) {
                    ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
                    ps.executeUpdate();
                }
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
}
