package io.heraldo.status;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jdbi.v3.core.Handle;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.Impact;
import io.heraldo.event.IncidentStatus;
import io.heraldo.event.InvalidEventException;
import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.platform.LocalizedText;
import io.heraldo.status.ComponentReports.Change;

/**
 * The incidents: each incident event opens, updates or closes one, adds an update to its timeline and reports the
 * statuses of the components it names, on a handle whose transaction the caller owns.
 * <p>
 * Events count by their {@code time}, not their arrival: an incident event older than the incident's newest is kept
 * in its timeline and reports its components at its own time, but sets nothing of the incident ({@link ReportRules}).
 * The closing rule (what the components return to) is {@link IncidentRules#onClose}.
 */
final class IncidentLedger {

    /** The incident's row before this event, locked for the rest of the transaction. */
    private record Stored(IncidentStatus status, String title, LocalizedText titles, Impact impact,
            OffsetDateTime newest, OffsetDateTime resolvedAt) {
    }

    private final ComponentReports reports;
    private final UpdateJson json;

    IncidentLedger(ComponentReports reports, UpdateJson json) {
        this.reports = reports;
        this.json = json;
    }

    /**
     * Applies an incident event.
     *
     * @throws InvalidEventException before writing anything, for an update of an incident never opened that has no
     *         title
     */
    StatusChange apply(Handle h, IncidentEvent e) {
        Stored stored = h.createQuery(
                "select status, title, titles, impact, updated_at, resolved_at from incident where id = :id for update")
                .bind("id", e.incidentId())
                .map((rs, ctx) -> new Stored(IncidentStatus.of(rs.getString("status")), rs.getString("title"),
                        json.readTexts(rs.getString("titles")), Impact.of(rs.getString("impact")), rs.getObject("updated_at", OffsetDateTime.class),
                        rs.getObject("resolved_at", OffsetDateTime.class)))
                .findOne()
                .orElse(null);
        IncidentStatus before = stored == null ? null : stored.status();
        if (before == null && e.title() == null) {
            throw new InvalidEventException("data.incident.title: is required because incident '" + e.incidentId()
                    + "' has not been opened");
        }
        // An event older than the incident's newest goes into its timeline at its own time, and its component
        // statuses count as reports of that time, but it sets nothing of the incident (ReportRules).
        boolean late = stored != null && !ReportRules.replaces(e.time(), stored.newest());
        IncidentStatus status = late ? before : e.status();
        String title = stored == null ? null : stored.title();
        LocalizedText titles = stored == null ? null : stored.titles();
        Impact impact = stored == null ? null : stored.impact();
        if (late) {
            backdate(h, e);
        } else {
            if (e.title() != null) {
                title = e.title().first();
                titles = e.title();
            }
            impact = e.impact() != null ? e.impact() : impact != null ? impact : Impact.NONE;
            if (stored == null) {
                open(h, e, title, json.texts(titles), impact);
            } else {
                update(h, e, title, json.texts(titles), impact);
            }
        }
        List<Change> changes = reportComponents(h, e, before, late, stored == null ? null : stored.resolvedAt());

        h.createUpdate("""
                insert into incident_update (id, incident_id, status, body, bodies, lang, tweet, affected_components,
                                             notify, created_at)
                values (:id, :incidentId, :status, :body, cast(:bodies as json), :lang, :tweet, cast(:affected as jsonb),
                        cast(:notify as jsonb), :at)""")
                .bind("id", e.eventId())
                .bind("incidentId", e.incidentId())
                .bind("status", e.status().wire())
                .bind("body", e.update().body().first())
                .bind("bodies", json.texts(e.update().body()))
                .bind("lang", e.update().lang())
                .bind("tweet", e.update().tweet())
                .bind("affected", json.affected(changes))
                .bind("notify", json.notify(e.notifyChannels()))
                .bind("at", e.time())
                .execute();
        OffsetDateTime startedAt = h.createQuery("select created_at from incident where id = :id")
                .bind("id", e.incidentId())
                .map((rs, ctx) -> rs.getObject("created_at", OffsetDateTime.class))
                .one();
        List<StatusChange.ComponentState> components = ComponentReports.states(h.createQuery("""
                select component.id, component.name, component.status from incident_component
                join component on component.id = incident_component.component_id
                where incident_component.incident_id = :incidentId order by component.position""")
                .bind("incidentId", e.incidentId()), changes);
        return new StatusChange(e, title, status.wire(), before == null ? null : before.wire(), impact.wire(), components,
                startedAt, null, null, 0, before == null, late, titles);
    }

    /** The incident as its first event says. */
    private static void open(Handle h, IncidentEvent e, String title, String titles, Impact impact) {
        IncidentStatus status = e.status();
        h.createUpdate("""
                insert into incident (title, titles, status, impact, updated_at, created_at, monitoring_at, resolved_at, id)
                values (:title, cast(:titles as json), :status, :impact, :at, :at, :monitoringAt, :resolvedAt, :id)""")
                .bind("title", title)
                .bind("titles", titles)
                .bind("status", status.wire())
                .bind("impact", impact.wire())
                .bind("at", e.time())
                .bindByType("monitoringAt", status == IncidentStatus.MONITORING ? e.time() : null, OffsetDateTime.class)
                .bindByType("resolvedAt", status.isClosed() ? e.time() : null, OffsetDateTime.class)
                .bind("id", e.incidentId())
                .execute();
    }

    /** The incident as its newest event says. */
    private static void update(Handle h, IncidentEvent e, String title, String titles, Impact impact) {
        IncidentStatus status = e.status();
        h.createUpdate("""
                update incident set title = :title, titles = cast(:titles as json), status = :status, impact = :impact, updated_at = :at,
                       created_at = least(created_at, :at),
                       monitoring_at = case when monitoring_at is null then :monitoringAt else monitoring_at end,
                       resolved_at = case when :closed then coalesce(resolved_at, :at) else null end
                where id = :id""")
                .bind("title", title)
                .bind("titles", titles)
                .bind("status", status.wire())
                .bind("impact", impact.wire())
                .bind("at", e.time())
                .bindByType("monitoringAt", status == IncidentStatus.MONITORING ? e.time() : null, OffsetDateTime.class)
                .bind("closed", status.isClosed())
                .bind("id", e.incidentId())
                .execute();
    }

    /** What a late event says of before: it started, was monitored or closed no later than this event's time. */
    private static void backdate(Handle h, IncidentEvent e) {
        h.createUpdate("""
                update incident set created_at = least(created_at, :at),
                       monitoring_at = case when :monitoring then least(monitoring_at, :at) else monitoring_at end,
                       resolved_at = case when :closed and resolved_at is not null then least(resolved_at, :at) else resolved_at end
                where id = :id""")
                .bind("at", e.time())
                .bind("monitoring", e.status() == IncidentStatus.MONITORING)
                .bind("closed", e.status().isClosed())
                .bind("id", e.incidentId())
                .execute();
    }

    /** The component statuses an incident event reports, each a report at the event's time. */
    private List<Change> reportComponents(Handle h, IncidentEvent e, IncidentStatus before, boolean late,
            OffsetDateTime resolvedAt) {
        Map<String, ComponentStatus> reported = new LinkedHashMap<>(e.components());
        if (!late && e.status().isClosed() && (before == null || !before.isClosed())) {
            reported = new LinkedHashMap<>(IncidentRules.onClose(incidentComponents(h, e.incidentId()), e.components(),
                    claimedByOtherOpenIncidents(h, e.incidentId())));
        }
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, ComponentStatus> entry : reported.entrySet()) {
            reports.ensure(h, entry.getKey(), e.time());
            if (e.components().containsKey(entry.getKey())) {
                // "The status the incident last gave": a late event only fills in a component it had not named.
                h.createUpdate("insert into incident_component (incident_id, component_id, status)"
                        + " values (:incidentId, :componentId, :status)"
                        + " on conflict (incident_id, component_id) do "
                        + (late ? "nothing" : "update set status = excluded.status"))
                        .bind("incidentId", e.incidentId())
                        .bind("componentId", entry.getKey())
                        .bind("status", entry.getValue().wire())
                        .execute();
            }
            changes.add(reports.report(h, entry.getKey(), entry.getValue(), e.time(), e.eventId()));
        }
        if (late && before.isClosed()) {
            // A closed incident holds no component: its closing gives back what a late event of it names, at the
            // later of the two times (the closing rule, as if the event had come before it).
            for (Map.Entry<String, ComponentStatus> entry : IncidentRules.onClose(e.components().keySet(), Map.of(),
                    claimedByOtherOpenIncidents(h, e.incidentId())).entrySet()) {
                changes.add(reports.report(h, entry.getKey(), entry.getValue(), ReportRules.later(resolvedAt, e.time()),
                        e.eventId()));
            }
        }
        changes.removeIf(Objects::isNull);
        return List.copyOf(ComponentReports.merged(changes).values());
    }

    private static List<String> incidentComponents(Handle h, String incidentId) {
        return h.createQuery(
                "select component_id from incident_component where incident_id = :incidentId order by component_id")
                .bind("incidentId", incidentId)
                .mapTo(String.class)
                .list();
    }

    private static Map<String, ComponentStatus> claimedByOtherOpenIncidents(Handle h, String incidentId) {
        Map<String, ComponentStatus> claimed = new HashMap<>();
        h.createQuery("""
                select other.component_id, other.status
                from incident_component mine
                join incident_component other on other.component_id = mine.component_id and other.incident_id <> mine.incident_id
                join incident i on i.id = other.incident_id and i.resolved_at is null
                where mine.incident_id = :incidentId""")
                .bind("incidentId", incidentId)
                .map((rs, ctx) -> Map.entry(rs.getString("component_id"), ComponentStatus.of(rs.getString("status"))))
                .forEach(entry -> claimed.merge(entry.getKey(), entry.getValue(), ComponentStatus::worst));
        return claimed;
    }
}
