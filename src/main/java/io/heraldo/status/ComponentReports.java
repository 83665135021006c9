package io.heraldo.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.heraldo.event.ComponentStatus;
import io.heraldo.status.ReportRules.Entry;

/**
 * What each component shows, on a connection whose transaction the caller owns.
 * <p>
 * A component keeps the report that stands ({@code reported_status} at {@code reported_at}: the newest by event time,
 * {@link ReportRules}) and what the page shows ({@code status}): the report with maintenance in progress laid over it
 * ({@link MaintenanceRules#shown}). Each change of what is shown goes to {@code component_status_change} at its
 * event's time, and so does a report that arrives after a newer one, with what the page showed then; the history
 * always ends with what the page shows now.
 */
final class ComponentReports {

    /** One component whose shown status an event changed. */
    record Change(String code, String name, ComponentStatus oldStatus, ComponentStatus newStatus) {
    }

    /** A component's row, locked for the rest of the transaction. */
    private record Locked(String name, ComponentStatus reported, OffsetDateTime reportedAt, ComponentStatus shown,
            OffsetDateTime updatedAt, boolean inMaintenance) {
    }

    /**
     * Creates a component the first time any event names it, {@code operational} and named by its id until an event
     * names it; an event from before its creation moves {@code created_at} back, where its history starts.
     */
    void ensure(Connection c, String id, OffsetDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into component (id, name, group_name, position, reported_status, status, created_at, updated_at)
                values (?, ?, null, nextval('component_position'), 'operational', 'operational', ?, ?)
                on conflict (id) do update set created_at = excluded.created_at
                where component.created_at > excluded.created_at""")) {
            ps.setString(1, id);
            ps.setString(2, id);
            ps.setObject(3, at);
            ps.setObject(4, at);
            ps.executeUpdate();
        }
    }

    /** Sets what a component event gives of name and group, unless a newer event named the component already. */
    void describe(Connection c, String id, String name, String group, OffsetDateTime at) throws SQLException {
        if (name == null && group == null) {
            return;
        }
        OffsetDateTime describedAt;
        try (PreparedStatement ps = c.prepareStatement("select described_at from component where id = ? for update")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                describedAt = rs.getObject(1, OffsetDateTime.class);
            }
        }
        if (!ReportRules.replaces(at, describedAt)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update component set name = coalesce(?, name), group_name = coalesce(?, group_name), described_at = ?
                where id = ?""")) {
            ps.setString(1, name);
            ps.setString(2, group);
            ps.setObject(3, at);
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    /**
     * A report of a component's status made at {@code at}: when it is the newest it stands and the page follows it;
     * an older one is only added to the history at its own time.
     *
     * @return the change of what the page shows, {@code null} when it shows the same
     */
    Change report(Connection c, String id, ComponentStatus reported, OffsetDateTime at, String eventId)
            throws SQLException {
        Locked row = lock(c, id);
        if (!ReportRules.replaces(at, row.reportedAt())) {
            record(c, id, new Entry(at, MaintenanceRules.shown(reported, inMaintenanceAt(c, id, at))), eventId,
                    row.shown(), row.reportedAt());
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update component set reported_status = ?, reported_at = ? where id = ?")) {
            ps.setString(1, reported.wire());
            ps.setObject(2, at);
            ps.setString(3, id);
            ps.executeUpdate();
        }
        return show(c, id, row, MaintenanceRules.shown(reported, row.inMaintenance()), at, at, eventId);
    }

    /** Recomputes what the page shows after maintenance started or ended at {@code at}. */
    Change refresh(Connection c, String id, OffsetDateTime at, String eventId) throws SQLException {
        Locked row = lock(c, id);
        return show(c, id, row, MaintenanceRules.shown(row.reported(), row.inMaintenance()), at, row.reportedAt(),
                eventId);
    }

    /** Components read by a query of (id, name, status) with one parameter, with the old status of those changed. */
    static List<StatusChange.ComponentState> states(Connection c, String sql, String parameter, Collection<Change> changes)
            throws SQLException {
        Map<String, Change> changed = merged(changes);
        List<StatusChange.ComponentState> states = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Change change = changed.get(rs.getString(1));
                    states.add(new StatusChange.ComponentState(rs.getString(1), rs.getString(2), rs.getString(3),
                            change == null ? null : change.oldStatus().wire()));
                }
            }
        }
        return states;
    }

    /** One change per component from several in one event: the first old status, the last new one; none if equal. */
    static Map<String, Change> merged(Collection<Change> changes) {
        Map<String, Change> merged = new LinkedHashMap<>();
        for (Change change : changes) {
            Change first = merged.get(change.code());
            merged.put(change.code(), first == null ? change
                    : new Change(change.code(), change.name(), first.oldStatus(), change.newStatus()));
        }
        merged.values().removeIf(change -> change.oldStatus() == change.newStatus());
        return merged;
    }

    private static Locked lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select name, reported_status, reported_at, status, updated_at,
                       exists (select 1 from maintenance_component mc join maintenance m on m.id = mc.maintenance_id
                               where mc.component_id = component.id and m.status in ('in_progress', 'verifying'))
                from component where id = ? for update""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Locked(rs.getString(1), ComponentStatus.of(rs.getString(2)),
                        rs.getObject(3, OffsetDateTime.class), ComponentStatus.of(rs.getString(4)),
                        rs.getObject(5, OffsetDateTime.class), rs.getBoolean(6));
            }
        }
    }

    /** Whether a maintenance of the component was in progress at {@code at}: what a late report is shown with. */
    private static boolean inMaintenanceAt(Connection c, String id, OffsetDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select exists (select 1 from maintenance_component mc join maintenance m on m.id = mc.maintenance_id
                               where mc.component_id = ? and m.started_at <= ?
                                 and (m.finished_at is null or m.finished_at > ?))""")) {
            ps.setString(1, id);
            ps.setObject(2, at);
            ps.setObject(3, at);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Change show(Connection c, String id, Locked row, ComponentStatus next, OffsetDateTime at,
            OffsetDateTime standingReport, String eventId) throws SQLException {
        if (next == row.shown()) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("update component set status = ?, updated_at = ? where id = ?")) {
            ps.setString(1, next.wire());
            ps.setObject(2, ReportRules.later(row.updatedAt(), at));
            ps.setString(3, id);
            ps.executeUpdate();
        }
        record(c, id, new Entry(at, next), eventId, next, standingReport);
        return new Change(id, row.name(), row.shown(), next);
    }

    /** Adds an entry to the history at its time, then what the page shows if the history no longer ends with it. */
    private static void record(Connection c, String id, Entry entry, String eventId, ComponentStatus shown,
            OffsetDateTime standingReport) throws SQLException {
        insert(c, id, entry, eventId);
        Entry newest;
        try (PreparedStatement ps = c.prepareStatement("""
                select changed_at, status from component_status_change where component_id = ?
                order by changed_at desc, id desc limit 1""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                newest = new Entry(rs.getObject(1, OffsetDateTime.class), ComponentStatus.of(rs.getString(2)));
            }
        }
        Entry closing = ReportRules.closing(newest, shown, standingReport).orElse(null);
        if (closing != null) {
            insert(c, id, closing, eventId);
        }
    }

    private static void insert(Connection c, String id, Entry entry, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into component_status_change (component_id, status, changed_at, event_id) values (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, entry.status().wire());
            ps.setObject(3, entry.at());
            ps.setString(4, eventId);
            ps.executeUpdate();
        }
    }
}
