package io.heraldo.status;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Handle;

import io.heraldo.event.InvalidEventException;
import io.heraldo.event.MaintenanceStatus;
import io.heraldo.event.StatusEvent.MaintenanceEvent;
import io.heraldo.platform.LocalizedText;
import io.heraldo.status.ComponentReports.Change;

/**
 * The maintenance: each maintenance event schedules, changes, starts or ends one, adds an update when it says
 * something or moved the status, and lays the maintenance over its components or takes it off ({@link
 * ComponentReports#refresh}), on a handle whose transaction the caller owns. How the status moves is
 * {@link MaintenanceRules#next}: a late start or end never moves a maintenance back.
 */
final class MaintenanceLedger {

    /** The maintenance's row before this event, locked for the rest of the transaction. */
    private record Stored(MaintenanceStatus status, OffsetDateTime updatedAt) {
    }

    /** What the change reports of the maintenance after this event. */
    private record Schedule(String title, LocalizedText titles, OffsetDateTime scheduledFor, OffsetDateTime scheduledUntil,
            OffsetDateTime startedAt, int revision) {
    }

    private final ComponentReports reports;
    private final UpdateJson json;

    MaintenanceLedger(ComponentReports reports, UpdateJson json) {
        this.reports = reports;
        this.json = json;
    }

    /**
     * Applies a maintenance event.
     *
     * @throws InvalidEventException before writing anything, for a maintenance never scheduled without its title or
     *         times
     */
    StatusChange apply(Handle h, MaintenanceEvent e) {
        Stored stored = h.createQuery("select status, updated_at from maintenance where id = :id for update")
                .bind("id", e.maintenanceId())
                .map((rs, ctx) -> new Stored(MaintenanceStatus.of(rs.getString("status")),
                        rs.getObject("updated_at", OffsetDateTime.class)))
                .findOne()
                .orElse(null);
        MaintenanceStatus before = stored == null ? null : stored.status();
        if (before == null) {
            requireSchedule(e);
        }
        MaintenanceStatus status = MaintenanceRules.next(before, e.type(), e.status());
        boolean statusChanged = status != before;

        Set<String> touched = new LinkedHashSet<>(maintenanceComponents(h, e.maintenanceId()));
        if (stored == null) {
            schedule(h, e, status);
        } else {
            update(h, e, status, statusChanged, stored.updatedAt());
        }
        if (e.components() != null) {
            h.createUpdate("delete from maintenance_component where maintenance_id = :maintenanceId")
                    .bind("maintenanceId", e.maintenanceId())
                    .execute();
            for (String component : e.components()) {
                reports.ensure(h, component, e.time());
                h.createUpdate("""
                        insert into maintenance_component (maintenance_id, component_id)
                        values (:maintenanceId, :componentId)""")
                        .bind("maintenanceId", e.maintenanceId())
                        .bind("componentId", component)
                        .execute();
            }
            touched.addAll(e.components());
        }
        List<Change> changes = new ArrayList<>();
        for (String component : touched) {
            Change change = reports.refresh(h, component, e.time(), e.eventId());
            if (change != null) {
                changes.add(change);
            }
        }
        if (e.update() != null || statusChanged) {
            h.createUpdate("""
                    insert into maintenance_update (id, maintenance_id, status, body, bodies, lang, tweet, notify, created_at)
                    values (:id, :maintenanceId, :status, :body, cast(:bodies as json), :lang, :tweet, cast(:notify as jsonb),
                            :at)""")
                    .bind("id", e.eventId())
                    .bind("maintenanceId", e.maintenanceId())
                    .bind("status", status.wire())
                    .bind("body", e.update() == null ? null : e.update().body().first())
                    .bind("bodies", e.update() == null ? null : json.texts(e.update().body()))
                    .bind("lang", e.update() == null ? null : e.update().lang())
                    .bind("tweet", e.update() == null ? null : e.update().tweet())
                    .bind("notify", json.notify(e.notifyChannels()))
                    .bind("at", e.time())
                    .execute();
        }
        Schedule after = h.createQuery(
                "select title, titles, scheduled_for, scheduled_until, started_at, revision from maintenance where id = :id")
                .bind("id", e.maintenanceId())
                .map((rs, ctx) -> new Schedule(rs.getString("title"), json.readTexts(rs.getString("titles")),
                        rs.getObject("scheduled_for", OffsetDateTime.class),
                        rs.getObject("scheduled_until", OffsetDateTime.class),
                        rs.getObject("started_at", OffsetDateTime.class), rs.getInt("revision")))
                .one();
        List<StatusChange.ComponentState> components = ComponentReports.states(h.createQuery("""
                select component.id, component.name, component.status from maintenance_component
                join component on component.id = maintenance_component.component_id
                where maintenance_component.maintenance_id = :maintenanceId order by component.position""")
                .bind("maintenanceId", e.maintenanceId()), changes);
        return new StatusChange(e, after.title(), status.wire(), before == null ? null : before.wire(), null, components,
                after.startedAt(), after.scheduledFor(), after.scheduledUntil(), after.revision(), before == null, false,
                after.titles());
    }

    /** A maintenance is first seen with its title and times, or not at all. */
    private static void requireSchedule(MaintenanceEvent e) {
        for (String[] required : new String[][] { { "title", e.title() == null ? null : e.title().first() }, { "scheduledFor", str(e.scheduledFor()) },
                { "scheduledUntil", str(e.scheduledUntil()) } }) {
            if (required[1] == null) {
                throw new InvalidEventException("data.maintenance." + required[0] + ": is required because maintenance '"
                        + e.maintenanceId() + "' has not been scheduled");
            }
        }
    }

    /** The maintenance as its first event says. */
    private void schedule(Handle h, MaintenanceEvent e, MaintenanceStatus status) {
        h.createUpdate("""
                insert into maintenance (id, title, titles, status, scheduled_for, scheduled_until, revision, created_at, updated_at,
                                         started_at, finished_at)
                values (:id, :title, cast(:titles as json), :status, :scheduledFor, :scheduledUntil, 0, :at, :at, :startedAt, :finishedAt)""")
                .bind("id", e.maintenanceId())
                .bind("title", e.title().first())
                .bind("titles", json.texts(e.title()))
                .bind("status", status.wire())
                .bind("scheduledFor", e.scheduledFor())
                .bind("scheduledUntil", e.scheduledUntil())
                .bind("at", e.time())
                .bindByType("startedAt", status.isActive() ? e.time() : null, OffsetDateTime.class)
                .bindByType("finishedAt", status.isFinished() ? e.time() : null, OffsetDateTime.class)
                .execute();
    }

    /** What a later event changes: the fields it gives, the status, and the revision when anything of them moved. */
    private void update(Handle h, MaintenanceEvent e, MaintenanceStatus status, boolean statusChanged,
            OffsetDateTime updatedAt) {
        boolean fieldsChanged = e.title() != null || e.scheduledFor() != null || e.scheduledUntil() != null
                || e.components() != null;
        h.createUpdate("""
                update maintenance set title = coalesce(:title, title),
                       titles = case when :title is null then titles else cast(:titles as json) end, status = :status,
                       scheduled_for = coalesce(:scheduledFor, scheduled_for),
                       scheduled_until = coalesce(:scheduledUntil, scheduled_until),
                       revision = revision + :revisionStep, updated_at = :updatedAt,
                       started_at = case when :active then coalesce(started_at, :at) else started_at end,
                       finished_at = case when :finished then coalesce(finished_at, :at)
                                          when :unfinished then null else finished_at end
                where id = :id""")
                .bindByType("title", e.title() == null ? null : e.title().first(), String.class)
                .bindByType("titles", json.texts(e.title()), String.class)
                .bind("status", status.wire())
                .bindByType("scheduledFor", e.scheduledFor(), OffsetDateTime.class)
                .bindByType("scheduledUntil", e.scheduledUntil(), OffsetDateTime.class)
                .bind("revisionStep", statusChanged || fieldsChanged ? 1 : 0)
                .bind("updatedAt", ReportRules.later(updatedAt, e.time()))
                .bind("active", status.isActive())
                .bind("finished", status.isFinished())
                .bind("unfinished", !status.isFinished())
                .bind("at", e.time())
                .bind("id", e.maintenanceId())
                .execute();
    }

    private static List<String> maintenanceComponents(Handle h, String maintenanceId) {
        return h.createQuery("select component_id from maintenance_component where maintenance_id = :maintenanceId")
                .bind("maintenanceId", maintenanceId)
                .mapTo(String.class)
                .list();
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
