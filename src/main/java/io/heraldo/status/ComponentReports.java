package io.heraldo.status;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.StatusEvent.ComponentEvent;
import io.heraldo.status.ReportRules.Entry;

/**
 * The components: what each reports and shows, on a handle whose transaction the caller owns.
 * <p>
 * A component keeps the report that stands ({@code reported_status} at {@code reported_at}: the newest by event time,
 * {@link ReportRules}) and what the page shows ({@code status}): the report with maintenance in progress laid over it
 * ({@link MaintenanceRules#shown}). Each change of what is shown goes to {@code component_status_change} at its
 * event's time, and so does a report that arrives after a newer one, with what the page showed then; the history
 * always ends with what the page shows now. Component events are applied here; incidents and maintenance report
 * through {@link #report} and {@link #refresh}.
 */
final class ComponentReports {

    /** One component whose shown status an event changed. */
    record Change(String code, String name, ComponentStatus oldStatus, ComponentStatus newStatus) {
    }

    /** A component's row, locked for the rest of the transaction. */
    private record Locked(String name, ComponentStatus reported, OffsetDateTime reportedAt, ComponentStatus shown,
            OffsetDateTime updatedAt, boolean inMaintenance) {
    }

    /** A {@code component.status_changed}: a report of the component, and its name and group when given. */
    StatusChange apply(Handle h, ComponentEvent e) {
        ensure(h, e.componentId(), e.time());
        describe(h, e.componentId(), e.name(), e.group(), e.time());
        Change change = report(h, e.componentId(), e.status(), e.time(), e.eventId());
        List<StatusChange.ComponentState> components = states(
                h.createQuery("select id, name, status from component where id = :id").bind("id", e.componentId()),
                change == null ? List.of() : List.of(change));
        StatusChange.ComponentState self = components.get(0);
        return new StatusChange(e, self.name(), self.status(), change == null ? self.status() : change.oldStatus().wire(),
                null, components, null, null, null, 0, false);
    }

    /**
     * Creates a component the first time any event names it, {@code operational} and named by its id until an event
     * names it; an event from before its creation moves {@code created_at} back, where its history starts.
     */
    void ensure(Handle h, String id, OffsetDateTime at) {
        h.createUpdate("""
                insert into component (id, name, group_name, position, reported_status, status, created_at, updated_at)
                values (:id, :id, null, nextval('component_position'), 'operational', 'operational', :at, :at)
                on conflict (id) do update set created_at = excluded.created_at
                where component.created_at > excluded.created_at""")
                .bind("id", id)
                .bind("at", at)
                .execute();
    }

    /** Sets what a component event gives of name and group, unless a newer event named the component already. */
    void describe(Handle h, String id, String name, String group, OffsetDateTime at) {
        if (name == null && group == null) {
            return;
        }
        OffsetDateTime describedAt = h.createQuery("select described_at from component where id = :id for update")
                .bind("id", id)
                .map((rs, ctx) -> rs.getObject("described_at", OffsetDateTime.class))
                .one();
        if (!ReportRules.replaces(at, describedAt)) {
            return;
        }
        h.createUpdate("""
                update component set name = coalesce(:name, name), group_name = coalesce(:group, group_name),
                       described_at = :at
                where id = :id""")
                .bind("name", name)
                .bind("group", group)
                .bind("at", at)
                .bind("id", id)
                .execute();
    }

    /**
     * A report of a component's status made at {@code at}: when it is the newest it stands and the page follows it;
     * an older one is only added to the history at its own time.
     *
     * @return the change of what the page shows, {@code null} when it shows the same
     */
    Change report(Handle h, String id, ComponentStatus reported, OffsetDateTime at, String eventId) {
        Locked row = lock(h, id);
        if (!ReportRules.replaces(at, row.reportedAt())) {
            record(h, id, new Entry(at, MaintenanceRules.shown(reported, inMaintenanceAt(h, id, at))), eventId,
                    row.shown(), row.reportedAt());
            return null;
        }
        h.createUpdate("update component set reported_status = :reported, reported_at = :at where id = :id")
                .bind("reported", reported.wire())
                .bind("at", at)
                .bind("id", id)
                .execute();
        return show(h, id, row, MaintenanceRules.shown(reported, row.inMaintenance()), at, at, eventId);
    }

    /** Recomputes what the page shows after maintenance started or ended at {@code at}. */
    Change refresh(Handle h, String id, OffsetDateTime at, String eventId) {
        Locked row = lock(h, id);
        return show(h, id, row, MaintenanceRules.shown(row.reported(), row.inMaintenance()), at, row.reportedAt(),
                eventId);
    }

    /** The components a query of (id, name, status) reads, with the old status of those changed. */
    static List<StatusChange.ComponentState> states(Query query, Collection<Change> changes) {
        Map<String, Change> changed = merged(changes);
        return query.map((rs, ctx) -> {
            Change change = changed.get(rs.getString("id"));
            return new StatusChange.ComponentState(rs.getString("id"), rs.getString("name"), rs.getString("status"),
                    change == null ? null : change.oldStatus().wire());
        }).list();
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

    private static Locked lock(Handle h, String id) {
        return h.createQuery("""
                select name, reported_status, reported_at, status, updated_at,
                       exists (select 1 from maintenance_component mc join maintenance m on m.id = mc.maintenance_id
                               where mc.component_id = component.id and m.status in ('in_progress', 'verifying'))
                       as in_maintenance
                from component where id = :id for update""")
                .bind("id", id)
                .map((rs, ctx) -> new Locked(rs.getString("name"), ComponentStatus.of(rs.getString("reported_status")),
                        rs.getObject("reported_at", OffsetDateTime.class), ComponentStatus.of(rs.getString("status")),
                        rs.getObject("updated_at", OffsetDateTime.class), rs.getBoolean("in_maintenance")))
                .one();
    }

    /** Whether a maintenance of the component was in progress at {@code at}: what a late report is shown with. */
    private static boolean inMaintenanceAt(Handle h, String id, OffsetDateTime at) {
        return h.createQuery("""
                select exists (select 1 from maintenance_component mc join maintenance m on m.id = mc.maintenance_id
                               where mc.component_id = :id and m.started_at <= :at
                                 and (m.finished_at is null or m.finished_at > :at))""")
                .bind("id", id)
                .bind("at", at)
                .mapTo(boolean.class)
                .one();
    }

    private static Change show(Handle h, String id, Locked row, ComponentStatus next, OffsetDateTime at,
            OffsetDateTime standingReport, String eventId) {
        if (next == row.shown()) {
            return null;
        }
        h.createUpdate("update component set status = :status, updated_at = :updatedAt where id = :id")
                .bind("status", next.wire())
                .bind("updatedAt", ReportRules.later(row.updatedAt(), at))
                .bind("id", id)
                .execute();
        record(h, id, new Entry(at, next), eventId, next, standingReport);
        return new Change(id, row.name(), row.shown(), next);
    }

    /** Adds an entry to the history at its time, then what the page shows if the history no longer ends with it. */
    private static void record(Handle h, String id, Entry entry, String eventId, ComponentStatus shown,
            OffsetDateTime standingReport) {
        insert(h, id, entry, eventId);
        Entry newest = h.createQuery("""
                select changed_at, status from component_status_change where component_id = :id
                order by changed_at desc, id desc limit 1""")
                .bind("id", id)
                .map((rs, ctx) -> new Entry(rs.getObject("changed_at", OffsetDateTime.class),
                        ComponentStatus.of(rs.getString("status"))))
                .one();
        ReportRules.closing(newest, shown, standingReport).ifPresent(closing -> insert(h, id, closing, eventId));
    }

    private static void insert(Handle h, String id, Entry entry, String eventId) {
        h.createUpdate("""
                insert into component_status_change (component_id, status, changed_at, event_id)
                values (:id, :status, :at, :eventId)""")
                .bind("id", id)
                .bind("status", entry.status().wire())
                .bind("at", entry.at())
                .bind("eventId", eventId)
                .execute();
    }
}
