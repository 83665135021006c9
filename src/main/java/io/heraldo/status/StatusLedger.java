package io.heraldo.status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.Impact;
import io.heraldo.event.IncidentStatus;
import io.heraldo.event.InvalidEventException;
import io.heraldo.event.MaintenanceStatus;
import io.heraldo.event.StatusEvent.ComponentEvent;
import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.event.StatusEvent.MaintenanceEvent;
import io.heraldo.event.StatusEvent.MetricEvent;
import io.heraldo.event.StatusEvent.MetricPoint;
import io.heraldo.event.StatusEvent.NoticeEvent;
import io.heraldo.event.StatusEvent;
import io.heraldo.status.ComponentReports.Change;

/**
 * Applies status events to the stored status model, on a connection whose transaction the caller owns.
 * <p>
 * Each event is applied at most once: its id is recorded in the same transaction as its effects. The rules that
 * decide statuses are in {@link IncidentRules}, {@link MaintenanceRules}, {@link ReportRules} and
 * {@link ComponentStatus}; this class reads what they need and writes what they decide, and {@link ComponentReports}
 * does so for what each component shows. Events count by their {@code time}, not their arrival: an incident event
 * older than the incident's newest is kept in its timeline but sets nothing of it. An event that is valid on its own
 * but not against the stored state (an update of an incident never opened, without a title) is refused with an
 * {@link InvalidEventException} before anything of it is written.
 */
public class StatusLedger {

    /** What became of one event. */
    public enum Outcome {
        APPLIED, DUPLICATE
    }

    /** The outcome, and for an applied event what it changed. */
    public record Result(Outcome outcome, StatusChange change) {

        static final Result DUPLICATE = new Result(Outcome.DUPLICATE, null);
    }

    private final ObjectMapper json;
    private final ComponentReports reports = new ComponentReports();

    public StatusLedger(ObjectMapper json) {
        this.json = json;
    }

    public Result apply(Connection c, StatusEvent event) throws SQLException {
        if (isApplied(c, event.eventId())) {
            return Result.DUPLICATE;
        }
        StatusChange change;
        if (event instanceof IncidentEvent incident) {
            change = applyIncident(c, incident);
        } else if (event instanceof ComponentEvent component) {
            change = applyComponent(c, component);
        } else if (event instanceof MaintenanceEvent maintenance) {
            change = applyMaintenance(c, maintenance);
        } else if (event instanceof NoticeEvent notice) {
            change = applyNotice(c, notice);
        } else {
            change = applyMetric(c, (MetricEvent) event);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into applied_event (event_id, type, subject) values (?, ?, ?)")) {
            ps.setString(1, event.eventId());
            ps.setString(2, event.type().wire());
            ps.setString(3, event.subject());
            ps.executeUpdate();
        }
        return new Result(Outcome.APPLIED, change);
    }

    /** Marks the page changed: one call per transaction that applied something. */
    public void touchPage(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update page_state set revision = revision + 1, updated_at = now() where id = 1")) {
            ps.executeUpdate();
        }
    }

    private static boolean isApplied(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from applied_event where event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // --- components -------------------------------------------------------------------------------------------

    private StatusChange applyComponent(Connection c, ComponentEvent e) throws SQLException {
        reports.ensure(c, e.componentId(), e.time());
        reports.describe(c, e.componentId(), e.name(), e.group(), e.time());
        Change change = reports.report(c, e.componentId(), e.status(), e.time(), e.eventId());
        List<StatusChange.ComponentState> components = ComponentReports.states(c,
                "select id, name, status from component where id = ?", e.componentId(), change == null ? List.of() : List.of(change));
        StatusChange.ComponentState self = components.get(0);
        return new StatusChange(e, self.name(), self.status(), change == null ? self.status() : change.oldStatus().wire(),
                null, components, null, null, null, 0, false);
    }

    // --- incidents --------------------------------------------------------------------------------------------

    private StatusChange applyIncident(Connection c, IncidentEvent e) throws SQLException {
        IncidentStatus before = null;
        String title = null;
        Impact impact = null;
        OffsetDateTime newest = null;
        OffsetDateTime resolvedAt = null;
        try (PreparedStatement ps = c.prepareStatement(
                "select status, title, impact, updated_at, resolved_at from incident where id = ? for update")) {
            ps.setString(1, e.incidentId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    before = IncidentStatus.of(rs.getString(1));
                    title = rs.getString(2);
                    impact = Impact.of(rs.getString(3));
                    newest = rs.getObject(4, OffsetDateTime.class);
                    resolvedAt = rs.getObject(5, OffsetDateTime.class);
                }
            }
        }
        if (before == null && e.title() == null) {
            throw new InvalidEventException("data.incident.title: is required because incident '" + e.incidentId()
                    + "' has not been opened");
        }
        // An event older than the incident's newest goes into its timeline at its own time, and its component
        // statuses count as reports of that time, but it sets nothing of the incident (ReportRules).
        boolean late = before != null && !ReportRules.replaces(e.time(), newest);
        IncidentStatus status = late ? before : e.status();
        if (late) {
            backdate(c, e);
        } else {
            title = e.title() != null ? e.title() : title;
            impact = e.impact() != null ? e.impact() : impact != null ? impact : Impact.NONE;
            write(c, e, title, impact, before == null);
        }
        List<Change> changes = reportComponents(c, e, before, late, resolvedAt);

        try (PreparedStatement ps = c.prepareStatement("""
                insert into incident_update (id, incident_id, status, body, lang, tweet, affected_components, notify, created_at)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)""")) {
            ps.setString(1, e.eventId());
            ps.setString(2, e.incidentId());
            ps.setString(3, e.status().wire());
            ps.setString(4, e.update().body());
            ps.setString(5, e.update().lang());
            ps.setString(6, e.update().tweet());
            ps.setString(7, affectedJson(changes));
            ps.setString(8, e.notifyChannels() == null ? null : toJson(e.notifyChannels()));
            ps.setObject(9, e.time());
            ps.executeUpdate();
        }
        OffsetDateTime startedAt;
        try (PreparedStatement ps = c.prepareStatement("select created_at from incident where id = ?")) {
            ps.setString(1, e.incidentId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                startedAt = rs.getObject(1, OffsetDateTime.class);
            }
        }
        List<StatusChange.ComponentState> components = ComponentReports.states(c, """
                select component.id, component.name, component.status from incident_component
                join component on component.id = incident_component.component_id
                where incident_component.incident_id = ? order by component.position""", e.incidentId(), changes);
        return new StatusChange(e, title, status.wire(), before == null ? null : before.wire(), impact.wire(), components,
                startedAt, null, null, 0, before == null, late);
    }

    /** The incident as the newest event says: inserted the first time, else updated. */
    private static void write(Connection c, IncidentEvent e, String title, Impact impact, boolean create)
            throws SQLException {
        IncidentStatus status = e.status();
        try (PreparedStatement ps = c.prepareStatement(create ? """
                insert into incident (title, status, impact, updated_at, created_at, monitoring_at, resolved_at, id)
                values (?, ?, ?, ?, ?, ?, ?, ?)""" : """
                update incident set title = ?, status = ?, impact = ?, updated_at = ?,
                       created_at = least(created_at, ?),
                       monitoring_at = case when monitoring_at is null then ? else monitoring_at end,
                       resolved_at = case when ? then coalesce(resolved_at, ?) else null end
                where id = ?""")) {
            ps.setString(1, title);
            ps.setString(2, status.wire());
            ps.setString(3, impact.wire());
            ps.setObject(4, e.time());
            ps.setObject(5, e.time());
            ps.setObject(6, status == IncidentStatus.MONITORING ? e.time() : null, Types.TIMESTAMP_WITH_TIMEZONE);
            if (create) {
                ps.setObject(7, status.isClosed() ? e.time() : null, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setBoolean(7, status.isClosed());
                ps.setObject(8, e.time());
            }
            ps.setString(create ? 8 : 9, e.incidentId());
            ps.executeUpdate();
        }
    }

    /** What a late event says of before: it started, was monitored or closed no later than this event's time. */
    private static void backdate(Connection c, IncidentEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update incident set created_at = least(created_at, ?),
                       monitoring_at = case when ? then least(monitoring_at, ?) else monitoring_at end,
                       resolved_at = case when ? and resolved_at is not null then least(resolved_at, ?) else resolved_at end
                where id = ?""")) {
            ps.setObject(1, e.time());
            ps.setBoolean(2, e.status() == IncidentStatus.MONITORING);
            ps.setObject(3, e.time());
            ps.setBoolean(4, e.status().isClosed());
            ps.setObject(5, e.time());
            ps.setString(6, e.incidentId());
            ps.executeUpdate();
        }
    }

    /** The component statuses an incident event reports, each a report at the event's time. */
    private List<Change> reportComponents(Connection c, IncidentEvent e, IncidentStatus before, boolean late,
            OffsetDateTime resolvedAt) throws SQLException {
        Map<String, ComponentStatus> reported = new LinkedHashMap<>(e.components());
        if (!late && e.status().isClosed() && (before == null || !before.isClosed())) {
            reported = new LinkedHashMap<>(IncidentRules.onClose(incidentComponents(c, e.incidentId()), e.components(),
                    claimedByOtherOpenIncidents(c, e.incidentId())));
        }
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, ComponentStatus> entry : reported.entrySet()) {
            reports.ensure(c, entry.getKey(), e.time());
            if (e.components().containsKey(entry.getKey())) {
                // "The status the incident last gave": a late event only fills in a component it had not named.
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into incident_component (incident_id, component_id, status) values (?, ?, ?)"
                                + " on conflict (incident_id, component_id) do "
                                + (late ? "nothing" : "update set status = excluded.status"))) {
                    ps.setString(1, e.incidentId());
                    ps.setString(2, entry.getKey());
                    ps.setString(3, entry.getValue().wire());
                    ps.executeUpdate();
                }
            }
            changes.add(reports.report(c, entry.getKey(), entry.getValue(), e.time(), e.eventId()));
        }
        if (late && before.isClosed()) {
            // A closed incident holds no component: its closing gives back what a late event of it names, at the
            // later of the two times (the closing rule, as if the event had come before it).
            for (Map.Entry<String, ComponentStatus> entry : IncidentRules.onClose(e.components().keySet(), Map.of(),
                    claimedByOtherOpenIncidents(c, e.incidentId())).entrySet()) {
                changes.add(reports.report(c, entry.getKey(), entry.getValue(), ReportRules.later(resolvedAt, e.time()),
                        e.eventId()));
            }
        }
        changes.removeIf(Objects::isNull);
        return List.copyOf(ComponentReports.merged(changes).values());
    }

    private static List<String> incidentComponents(Connection c, String incidentId) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select component_id from incident_component where incident_id = ? order by component_id")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static Map<String, ComponentStatus> claimedByOtherOpenIncidents(Connection c, String incidentId)
            throws SQLException {
        Map<String, ComponentStatus> claimed = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select other.component_id, other.status
                from incident_component mine
                join incident_component other on other.component_id = mine.component_id and other.incident_id <> mine.incident_id
                join incident i on i.id = other.incident_id and i.resolved_at is null
                where mine.incident_id = ?""")) {
            ps.setString(1, incidentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.merge(rs.getString(1), ComponentStatus.of(rs.getString(2)), ComponentStatus::worst);
                }
            }
        }
        return claimed;
    }

    // --- maintenance ------------------------------------------------------------------------------------------

    private StatusChange applyMaintenance(Connection c, MaintenanceEvent e) throws SQLException {
        MaintenanceStatus before = null;
        OffsetDateTime updatedAt = null;
        try (PreparedStatement ps = c.prepareStatement("select status, updated_at from maintenance where id = ? for update")) {
            ps.setString(1, e.maintenanceId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    before = MaintenanceStatus.of(rs.getString(1));
                    updatedAt = rs.getObject(2, OffsetDateTime.class);
                }
            }
        }
        if (before == null) {
            for (String[] required : new String[][] { { "title", e.title() }, { "scheduledFor", str(e.scheduledFor()) },
                    { "scheduledUntil", str(e.scheduledUntil()) } }) {
                if (required[1] == null) {
                    throw new InvalidEventException("data.maintenance." + required[0] + ": is required because maintenance '"
                            + e.maintenanceId() + "' has not been scheduled");
                }
            }
        }
        MaintenanceStatus status = MaintenanceRules.next(before, e.type(), e.status());
        boolean statusChanged = status != before;

        Set<String> touched = new LinkedHashSet<>(maintenanceComponents(c, e.maintenanceId()));
        if (before == null) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into maintenance (id, title, status, scheduled_for, scheduled_until, revision, created_at, updated_at,
                                             started_at, finished_at)
                    values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""")) {
                ps.setString(1, e.maintenanceId());
                ps.setString(2, e.title());
                ps.setString(3, status.wire());
                ps.setObject(4, e.scheduledFor());
                ps.setObject(5, e.scheduledUntil());
                ps.setObject(6, e.time());
                ps.setObject(7, e.time());
                ps.setObject(8, status.isActive() ? e.time() : null, Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(9, status.isFinished() ? e.time() : null, Types.TIMESTAMP_WITH_TIMEZONE);
                ps.executeUpdate();
            }
        } else {
            boolean fieldsChanged = e.title() != null || e.scheduledFor() != null || e.scheduledUntil() != null
                    || e.components() != null;
            try (PreparedStatement ps = c.prepareStatement("""
                    update maintenance set title = coalesce(?, title), status = ?,
                           scheduled_for = coalesce(?, scheduled_for), scheduled_until = coalesce(?, scheduled_until),
                           revision = revision + ?, updated_at = ?,
                           started_at = case when ? then coalesce(started_at, ?) else started_at end,
                           finished_at = case when ? then coalesce(finished_at, ?) when ? then null else finished_at end
                    where id = ?""")) {
                ps.setString(1, e.title());
                ps.setString(2, status.wire());
                ps.setObject(3, e.scheduledFor(), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(4, e.scheduledUntil(), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setInt(5, statusChanged || fieldsChanged ? 1 : 0);
                ps.setObject(6, ReportRules.later(updatedAt, e.time()));
                ps.setBoolean(7, status.isActive());
                ps.setObject(8, e.time());
                ps.setBoolean(9, status.isFinished());
                ps.setObject(10, e.time());
                ps.setBoolean(11, !status.isFinished());
                ps.setString(12, e.maintenanceId());
                ps.executeUpdate();
            }
        }
        if (e.components() != null) {
            try (PreparedStatement ps = c.prepareStatement("delete from maintenance_component where maintenance_id = ?")) {
                ps.setString(1, e.maintenanceId());
                ps.executeUpdate();
            }
            for (String component : e.components()) {
                reports.ensure(c, component, e.time());
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into maintenance_component (maintenance_id, component_id) values (?, ?)")) {
                    ps.setString(1, e.maintenanceId());
                    ps.setString(2, component);
                    ps.executeUpdate();
                }
            }
            touched.addAll(e.components());
        }
        List<Change> changes = new ArrayList<>();
        for (String component : touched) {
            Change change = reports.refresh(c, component, e.time(), e.eventId());
            if (change != null) {
                changes.add(change);
            }
        }
        if (e.update() != null || statusChanged) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into maintenance_update (id, maintenance_id, status, body, lang, tweet, notify, created_at)
                    values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""")) {
                ps.setString(1, e.eventId());
                ps.setString(2, e.maintenanceId());
                ps.setString(3, status.wire());
                ps.setString(4, e.update() == null ? null : e.update().body());
                ps.setString(5, e.update() == null ? null : e.update().lang());
                ps.setString(6, e.update() == null ? null : e.update().tweet());
                ps.setString(7, e.notifyChannels() == null ? null : toJson(e.notifyChannels()));
                ps.setObject(8, e.time());
                ps.executeUpdate();
            }
        }
        String title;
        OffsetDateTime scheduledFor;
        OffsetDateTime scheduledUntil;
        OffsetDateTime startedAt;
        int revision;
        try (PreparedStatement ps = c.prepareStatement(
                "select title, scheduled_for, scheduled_until, started_at, revision from maintenance where id = ?")) {
            ps.setString(1, e.maintenanceId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                title = rs.getString(1);
                scheduledFor = rs.getObject(2, OffsetDateTime.class);
                scheduledUntil = rs.getObject(3, OffsetDateTime.class);
                startedAt = rs.getObject(4, OffsetDateTime.class);
                revision = rs.getInt(5);
            }
        }
        List<StatusChange.ComponentState> components = ComponentReports.states(c, """
                select component.id, component.name, component.status from maintenance_component
                join component on component.id = maintenance_component.component_id
                where maintenance_component.maintenance_id = ? order by component.position""", e.maintenanceId(), changes);
        return new StatusChange(e, title, status.wire(), before == null ? null : before.wire(), null, components, startedAt,
                scheduledFor, scheduledUntil, revision, before == null);
    }

    private static List<String> maintenanceComponents(Connection c, String maintenanceId) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select component_id from maintenance_component where maintenance_id = ?")) {
            ps.setString(1, maintenanceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    // --- notices and metrics ----------------------------------------------------------------------------------

    private static StatusChange applyNotice(Connection c, NoticeEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into notice (id, title, body, lang, published_at, event_id) values (?, ?, ?, ?, ?, ?)
                on conflict (id) do update set title = excluded.title, body = excluded.body, lang = excluded.lang,
                       event_id = excluded.event_id""")) {
            ps.setString(1, e.noticeId());
            ps.setString(2, e.title());
            ps.setString(3, e.body());
            ps.setString(4, e.lang());
            ps.setObject(5, e.time());
            ps.setString(6, e.eventId());
            ps.executeUpdate();
        }
        return new StatusChange(e, e.title(), null, null, null, List.of(), null, null, null, 0, true);
    }

    private static StatusChange applyMetric(Connection c, MetricEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into metric (id, name, unit) values (?, ?, ?)
                on conflict (id) do update set name = coalesce(?, metric.name), unit = coalesce(excluded.unit, metric.unit)""")) {
            ps.setString(1, e.metricId());
            ps.setString(2, e.name() == null ? e.metricId() : e.name());
            ps.setString(3, e.unit());
            ps.setString(4, e.name());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into metric_point (metric_id, t, v) values (?, ?, ?)
                on conflict (metric_id, t) do update set v = excluded.v""")) {
            for (MetricPoint point : e.points()) {
                ps.setString(1, e.metricId());
                ps.setObject(2, point.t());
                ps.setDouble(3, point.v());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new StatusChange(e, e.name(), null, null, null, List.of(), null, null, null, 0, false);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private String affectedJson(Collection<Change> changes) {
        List<Map<String, String>> affected = new ArrayList<>();
        for (Change change : changes) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("code", change.code());
            item.put("name", change.name());
            item.put("old_status", change.oldStatus().wire());
            item.put("new_status", change.newStatus().wire());
            affected.add(item);
        }
        return toJson(affected);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(Object value) {
        return value == null ? null : value.toString();
    }
}
