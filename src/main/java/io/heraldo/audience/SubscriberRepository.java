package io.heraldo.audience;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/**
 * The subscriber table. Every change writes the subscriber row and an outbox row holding the whole subscriber after
 * the change, in one transaction: the outbox relay then publishes it to {@code heraldo-subscribers}, so the topic
 * never misses a change the database kept, nor holds one it rolled back.
 */
@ApplicationScoped
public class SubscriberRepository {

    /** Temporary bounces in a row after which a subscriber is suppressed (contract, section 4b). */
    public static final int SOFT_BOUNCES_TO_SUPPRESS = 3;

    static final String COLUMNS = "id, email, locale, components, state, confirm_nonce, soft_bounces, created_at, "
            + "updated_at, confirmed_at";

    /** What a subscription request did. */
    enum OptIn {
        /** A new address, or one back from pending, unsubscribed or suppressed: a confirmation mail is due. */
        STARTED,
        /** Already confirmed: nothing changed, no mail. */
        ALREADY_CONFIRMED
    }

    record OptInResult(OptIn outcome, StoredSubscriber subscriber) {
    }

    /** What a confirmation link did. */
    enum Confirmation {
        CONFIRMED, ALREADY_CONFIRMED, INVALID
    }

    /** What a restore did; see {@link #restore}. */
    public record RestoreResult(int restored, int newerInTable, int conflicts, int notOnTopic) {
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private final DataSource dataSource;
    private final SubscriberJson json;
    private final Event<SubscribersChanged> changed;

    public SubscriberRepository(DataSource dataSource, SubscriberJson json, Event<SubscribersChanged> changed) {
        this.dataSource = dataSource;
        this.json = json;
        this.changed = changed;
    }

    // --- reads ------------------------------------------------------------------------------------------------

    public Optional<Subscriber> byId(UUID id) {
        return storedById(id).map(StoredSubscriber::subscriber);
    }

    /** Case-insensitive on the whole address, like the unique index. */
    public Optional<Subscriber> byEmail(String email) {
        return read(c -> one(c, "select " + COLUMNS + " from subscriber where lower(email) = lower(?)",
                ps -> ps.setString(1, EmailAddresses.normalize(email)))).map(StoredSubscriber::subscriber);
    }

    Optional<StoredSubscriber> storedById(UUID id) {
        return read(c -> one(c, "select " + COLUMNS + " from subscriber where id = ?", ps -> ps.setObject(1, id)));
    }

    /**
     * A page of the audience of a notification: confirmed subscribers with an id after {@code afterId} ({@code null}:
     * from the start), in id order, who follow every component or one of {@code componentIds} (none given: every
     * confirmed subscriber). Served by the partial index on confirmed ids.
     * <p>
     * Use the last id of a page as the next {@code afterId}, and do not compare ids in Java to follow the order:
     * PostgreSQL sorts uuids as unsigned bytes (like their text), {@link UUID#compareTo} compares signed longs.
     */
    public List<Subscriber> confirmedFollowing(Collection<String> componentIds, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from subscriber where state = 'confirmed'");
        if (afterId != null) {
            sql.append(" and id > ?");
        }
        boolean filtered = componentIds != null && !componentIds.isEmpty();
        if (filtered) {
            sql.append(" and (cardinality(components) = 0 or components && ?)");
        }
        sql.append(" order by id limit ?");
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (afterId != null) {
                    ps.setObject(i++, afterId);
                }
                if (filtered) {
                    ps.setArray(i++, c.createArrayOf("text", componentIds.toArray(String[]::new)));
                }
                ps.setInt(i, limit);
                List<Subscriber> page = new ArrayList<>(Math.min(limit, 1000));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(stored(rs).subscriber());
                    }
                }
                return page;
            }
        });
    }

    // --- changes ----------------------------------------------------------------------------------------------

    /**
     * A subscription request for an address: new, pending, unsubscribed and suppressed addresses (re)start the
     * double opt-in with a fresh nonce, which voids older confirmation links, and queue its confirmation mail in the
     * same transaction; a confirmed one stays as it is.
     */
    OptInResult optIn(String email, String locale, List<String> components) {
        OptInResult result = write(c -> {
            Optional<StoredSubscriber> created = one(c, """
                    insert into subscriber (id, email, locale, components, state, confirm_nonce, created_at, updated_at)
                    values (?, ?, ?, ?, 'pending', ?, now(), now())
                    on conflict do nothing
                    returning """ + " " + COLUMNS, ps -> {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, email);
                ps.setString(3, locale);
                ps.setArray(4, c.createArrayOf("text", components.toArray(String[]::new)));
                ps.setString(5, AppSecrets.nonce());
            });
            if (created.isPresent()) {
                outboxAndConfirmation(c, created.get());
                return new OptInResult(OptIn.STARTED, created.get());
            }
            StoredSubscriber existing = one(c, "select " + COLUMNS + " from subscriber where lower(email) = lower(?) for update",
                    ps -> ps.setString(1, email))
                    .orElseThrow(() -> new IllegalStateException("the subscriber of " + email + " vanished meanwhile"));
            if (existing.subscriber().state() == SubscriberState.CONFIRMED) {
                return new OptInResult(OptIn.ALREADY_CONFIRMED, existing);
            }
            StoredSubscriber restarted = one(c, """
                    update subscriber set state = 'pending', locale = ?, components = ?, confirm_nonce = ?,
                           soft_bounces = 0, confirmed_at = null, updated_at = now()
                    where id = ?
                    returning """ + " " + COLUMNS, ps -> {
                ps.setString(1, locale);
                ps.setArray(2, c.createArrayOf("text", components.toArray(String[]::new)));
                ps.setString(3, AppSecrets.nonce());
                ps.setObject(4, existing.subscriber().id());
            }).orElseThrow();
            outboxAndConfirmation(c, restarted);
            return new OptInResult(OptIn.STARTED, restarted);
        });
        // No SubscribersChanged here, unlike every other change: relaying at once would run beside the request's
        // answer for a new address only, and make it measurably slower than for a known one. The caller wakes the
        // relay a moment later (ConfirmationSender.wake), for every request alike.
        return result;
    }

    /** Confirms a pending subscriber whose current nonce is {@code nonce}; a confirmed one stays confirmed. */
    Confirmation confirm(UUID id, String nonce) {
        Optional<Subscriber> confirmed = change(id, "state = 'confirmed', confirmed_at = now()",
                "state = 'pending' and confirm_nonce = ?", (c, ps) -> {
                    ps.setString(1, nonce);
                    return 2;
                });
        if (confirmed.isPresent()) {
            return Confirmation.CONFIRMED;
        }
        return storedById(id)
                .filter(s -> s.subscriber().state() == SubscriberState.CONFIRMED && s.confirmNonce().equals(nonce))
                .map(s -> Confirmation.ALREADY_CONFIRMED)
                .orElse(Confirmation.INVALID);
    }

    /** New language and components; empty when there is no such subscriber. */
    public Optional<Subscriber> changePreferences(UUID id, String locale, List<String> components) {
        if (locale == null || locale.isBlank()) {
            throw new InvalidFieldException("locale", "is required");
        }
        String language = SubscriberFields.locale(locale, null);
        String[] ids = SubscriberFields.components(components).toArray(String[]::new);
        return changeOrCurrent(id, "locale = ?, components = ?", "locale <> ? or components <> ?", (c, ps) -> {
            Array array = c.createArrayOf("text", ids);
            ps.setString(1, language);
            ps.setArray(2, array);
            ps.setString(3, language);
            ps.setArray(4, array);
            return 5;
        });
    }

    /** Stops every mail to the subscriber at once; empty when there is no such subscriber. */
    public Optional<Subscriber> unsubscribe(UUID id) {
        return changeOrCurrent(id, "state = 'unsubscribed'", "state <> 'unsubscribed'", null);
    }

    /**
     * Mail to the address bounced for good: it gets nothing until it subscribes again. An unsubscribed subscriber
     * stays unsubscribed. Empty when there is no such subscriber.
     */
    public Optional<Subscriber> suppress(UUID id) {
        return changeOrCurrent(id, "state = 'suppressed'", "state in ('pending', 'confirmed')", null);
    }

    /**
     * One more temporary bounce in a row; the {@value #SOFT_BOUNCES_TO_SUPPRESS}rd suppresses the subscriber. Empty
     * when there is no such subscriber.
     */
    public Optional<Subscriber> recordSoftBounce(UUID id) {
        return changeOrCurrent(id, """
                soft_bounces = soft_bounces + 1,
                state = case when soft_bounces + 1 >= %d and state in ('pending', 'confirmed') then 'suppressed'
                             else state end""".formatted(SOFT_BOUNCES_TO_SUPPRESS), "true", null);
    }

    /** A delivery went through: the run of temporary bounces is over. Writes nothing when there was none. */
    public Optional<Subscriber> clearSoftBounces(UUID id) {
        return changeOrCurrent(id, "soft_bounces = 0", "soft_bounces > 0", null);
    }

    /**
     * Inserts a batch of imported subscribers, confirmed, with their outbox rows, in one transaction; addresses
     * already present (or repeated within the batch) are left as they are.
     *
     * @return how many were inserted
     */
    int importConfirmed(List<SubscriberCsv.Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] emails = new String[n];
        String[] locales = new String[n];
        String[] components = new String[n];
        String[] nonces = new String[n];
        for (int i = 0; i < n; i++) {
            SubscriberCsv.Row row = rows.get(i);
            ids[i] = UUID.randomUUID();
            emails[i] = row.email();
            locales[i] = row.locale();
            components[i] = String.join(";", row.components());
            nonces[i] = AppSecrets.nonce();
        }
        int inserted = write(c -> {
            List<StoredSubscriber> created = new ArrayList<>(n);
            // One statement for the whole batch: unnest turns the arrays back into rows.
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into subscriber (id, email, locale, components, state, confirm_nonce, created_at, updated_at,
                                            confirmed_at)
                    select u.id, u.email, u.locale, string_to_array(u.components, ';'), 'confirmed', u.nonce,
                           now(), now(), now()
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
                         as u (id, email, locale, components, nonce)
                    on conflict do nothing
                    returning """ + " " + COLUMNS)) {
                ps.setArray(1, c.createArrayOf("uuid", ids));
                ps.setArray(2, c.createArrayOf("text", emails));
                ps.setArray(3, c.createArrayOf("text", locales));
                ps.setArray(4, c.createArrayOf("text", components));
                ps.setArray(5, c.createArrayOf("text", nonces));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        created.add(stored(rs));
                    }
                }
            }
            outbox(c, created);
            return created.size();
        });
        if (inserted > 0) {
            changed.fireAsync(new SubscribersChanged(inserted));
        }
        return inserted;
    }

    /**
     * Rebuilds subscribers from their last published versions, in one transaction, without touching the outbox
     * (they are on the topic already).
     * <p>
     * Every version is written by id unless the table holds a newer one. An address belongs to one subscriber: the
     * table's subscribers that are not on the topic keep theirs, and a version whose address another subscriber holds
     * is not restored ({@code conflicts}). {@code superseded} are ids on the topic whose address the topic gives to a
     * later subscriber: their rows are removed.
     */
    public RestoreResult restore(Collection<StoredSubscriber> versions, Collection<UUID> superseded) {
        return write(c -> {
            try (var s = c.createStatement()) {
                // Subscriptions wait for the restore rather than race it; reads go on.
                s.execute("lock table subscriber in share row exclusive mode");
                s.execute("create temporary table restoring (like subscriber) on commit drop");
            }
            try (PreparedStatement ps = c.prepareStatement("delete from subscriber where id = any(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", superseded.toArray(UUID[]::new)));
                ps.executeUpdate();
            }
            int n = versions.size();
            UUID[] ids = new UUID[n];
            String[][] columns = new String[9][n];
            Integer[] bounces = new Integer[n];
            int i = 0;
            for (StoredSubscriber stored : versions) {
                Subscriber v = stored.subscriber();
                ids[i] = v.id();
                columns[0][i] = v.email();
                columns[1][i] = v.locale();
                columns[2][i] = String.join(";", v.components());
                columns[3][i] = v.state().wire();
                columns[4][i] = stored.confirmNonce();
                columns[5][i] = SubscriberJson.time(v.createdAt());
                columns[6][i] = SubscriberJson.time(v.updatedAt());
                columns[7][i] = SubscriberJson.time(v.confirmedAt());
                bounces[i] = stored.softBounces();
                i++;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into restoring (id, email, locale, components, state, confirm_nonce, created_at, updated_at,
                                           confirmed_at, soft_bounces)
                    select u.id, u.email, u.locale, string_to_array(u.components, ';'), u.state, u.nonce,
                           u.created_at::timestamptz, u.updated_at::timestamptz, u.confirmed_at::timestamptz, u.bounces
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::int[])
                         as u (id, email, locale, components, state, nonce, created_at, updated_at, confirmed_at, bounces)
                    """)) {
                ps.setArray(1, c.createArrayOf("uuid", ids));
                for (int col = 0; col < 8; col++) {
                    ps.setArray(col + 2, c.createArrayOf("text", columns[col]));
                }
                ps.setArray(10, c.createArrayOf("int4", bounces));
                ps.executeUpdate();
            }
            int conflicts;
            try (PreparedStatement ps = c.prepareStatement("""
                    delete from restoring r using subscriber s
                    where lower(s.email) = lower(r.email) and s.id <> r.id""")) {
                conflicts = ps.executeUpdate();
            }
            int restored;
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into subscriber (id, email, locale, components, state, confirm_nonce, soft_bounces,
                                            created_at, updated_at, confirmed_at)
                    select id, email, locale, components, state, confirm_nonce, soft_bounces, created_at, updated_at,
                           confirmed_at
                    from restoring
                    on conflict (id) do update set email = excluded.email, locale = excluded.locale,
                           components = excluded.components, state = excluded.state,
                           confirm_nonce = excluded.confirm_nonce, soft_bounces = excluded.soft_bounces,
                           created_at = excluded.created_at, updated_at = excluded.updated_at,
                           confirmed_at = excluded.confirmed_at
                    where subscriber.updated_at <= excluded.updated_at""")) {
                restored = ps.executeUpdate();
            }
            int notOnTopic;
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) from subscriber where not (id = any(?))")) {
                UUID[] all = new UUID[ids.length + superseded.size()];
                System.arraycopy(ids, 0, all, 0, ids.length);
                System.arraycopy(superseded.toArray(UUID[]::new), 0, all, ids.length, superseded.size());
                ps.setArray(1, c.createArrayOf("uuid", all));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    notOnTopic = rs.getInt(1);
                }
            }
            return new RestoreResult(restored, n - conflicts - restored, conflicts, notOnTopic);
        });
    }

    // --- plumbing ---------------------------------------------------------------------------------------------

    /** Binds the parameters of a change's {@code set} and condition; returns the next parameter index. */
    @FunctionalInterface
    private interface ChangeBinder {
        int bind(Connection c, PreparedStatement ps) throws SQLException;
    }

    /** A change of one subscriber, or, when the condition does not hold, the subscriber as it is. */
    private Optional<Subscriber> changeOrCurrent(UUID id, String set, String condition, ChangeBinder binder) {
        Optional<Subscriber> changed = change(id, set, condition, binder);
        return changed.isPresent() ? changed : byId(id);
    }

    /** Updates one subscriber when the condition holds, with its outbox row; empty when nothing changed. */
    private Optional<Subscriber> change(UUID id, String set, String condition, ChangeBinder binder) {
        String sql = "update subscriber set " + set + ", updated_at = now() where (" + condition + ") and id = ? returning "
                + COLUMNS;
        Optional<StoredSubscriber> result = write(c -> {
            Optional<StoredSubscriber> after;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(binder == null ? 1 : binder.bind(c, ps), id);
                try (ResultSet rs = ps.executeQuery()) {
                    after = rs.next() ? Optional.of(stored(rs)) : Optional.empty();
                }
            }
            if (after.isPresent()) {
                outbox(c, after.get());
            }
            return after;
        });
        result.ifPresent(s -> changed.fireAsync(new SubscribersChanged(1)));
        return result.map(StoredSubscriber::subscriber);
    }

    private void outbox(Connection c, StoredSubscriber subscriber) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into subscriber_outbox (subscriber_id, payload) values (?, ?)")) {
            ps.setObject(1, subscriber.subscriber().id());
            ps.setString(2, json.write(subscriber));
            ps.executeUpdate();
        }
    }

    /**
     * The outbox row of an opt-in and its queued confirmation mail, in one statement: a new address then costs as many
     * round trips to the database as a confirmed one (two), and takes as long to answer.
     */
    private void outboxAndConfirmation(Connection c, StoredSubscriber subscriber) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                with outbox as (insert into subscriber_outbox (subscriber_id, payload) values (?, ?))
                """ + ConfirmationQueue.INSERT)) {
            ps.setObject(1, subscriber.subscriber().id());
            ps.setString(2, json.write(subscriber));
            ps.setObject(3, subscriber.subscriber().id());
            ps.setString(4, subscriber.confirmNonce());
            ps.executeUpdate();
        }
    }

    private void outbox(Connection c, List<StoredSubscriber> subscribers) throws SQLException {
        if (subscribers.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into subscriber_outbox (subscriber_id, payload) select * from unnest(?::uuid[], ?::text[])")) {
            ps.setArray(1, c.createArrayOf("uuid", subscribers.stream().map(s -> s.subscriber().id()).toArray(UUID[]::new)));
            ps.setArray(2, c.createArrayOf("text", subscribers.stream().map(json::write).toArray(String[]::new)));
            ps.executeUpdate();
        }
    }

    private static Optional<StoredSubscriber> one(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        }
    }

    static StoredSubscriber stored(ResultSet rs) throws SQLException {
        String[] components = (String[]) rs.getArray("components").getArray();
        Subscriber subscriber = new Subscriber(rs.getObject("id", UUID.class), rs.getString("email"),
                rs.getString("locale"), List.of(components), SubscriberState.of(rs.getString("state")),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("confirmed_at", OffsetDateTime.class));
        return new StoredSubscriber(subscriber, rs.getString("confirm_nonce"), rs.getInt("soft_bounces"));
    }

    private <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("the subscriber store failed: " + e.getMessage(), e);
        }
    }

    private <T> T write(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the subscriber store failed: " + e.getMessage(), e);
        }
    }
}
