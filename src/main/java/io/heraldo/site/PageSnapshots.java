package io.heraldo.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.Impact;
import io.heraldo.event.StatusIndicator;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.site.Statuspage.AffectedComponent;
import io.heraldo.site.Statuspage.Component;
import io.heraldo.site.Statuspage.Incident;
import io.heraldo.site.Statuspage.IncidentUpdate;
import io.heraldo.site.Statuspage.Page;
import io.heraldo.site.Statuspage.ScheduledMaintenance;

/**
 * Reads the stored status into a {@link PageSnapshot}, and keeps the last one while the page revision (bumped by
 * every applied change, on any replica; see {@link PageRevision} for how fresh it is) has not moved.
 */
@ApplicationScoped
public class PageSnapshots {

    private static final TypeReference<List<AffectedComponent>> AFFECTED = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final PageRevision revisions;
    private final HeraldoConfig config;
    private final ObjectMapper json;
    private final AtomicReference<PageSnapshot> last = new AtomicReference<>();

    public PageSnapshots(DataSource dataSource, PageRevision revisions, HeraldoConfig config, ObjectMapper json) {
        this.dataSource = dataSource;
        this.revisions = revisions;
        this.config = config;
        this.json = json;
    }

    /** The snapshot of the current revision ({@link PageRevision}: trusted for a while, else read). */
    public PageSnapshot current() {
        return at(revisions.current());
    }

    /**
     * The snapshot of a revision: the last one if it is of that revision, else read now. Read after the revision:
     * what is read is at least as new, so keeping it under that revision never hides a change.
     */
    public PageSnapshot at(Revision revision) {
        PageSnapshot snapshot = last.get();
        if (snapshot != null && snapshot.revision() == revision.number()) {
            return snapshot;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try {
                snapshot = load(c, revision.number(), revision.updatedAt());
            } finally {
                c.rollback();
                c.setAutoCommit(true);
                c.setReadOnly(false);
            }
            last.set(snapshot);
            return snapshot;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the status: " + e.getMessage(), e);
        }
    }

    private PageSnapshot load(Connection c, long revision, OffsetDateTime updatedAt) throws SQLException {
        ZoneId zone = config.page().timeZone();
        String pageId = config.page().id();
        Page page = new Page(pageId, config.page().name(), config.publicUrl(), zone.getId(), format(updatedAt, zone));

        List<StoredComponent> stored = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, name, group_name, position, status, created_at, updated_at from component order by position");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stored.add(new StoredComponent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        ComponentStatus.of(rs.getString(5)), rs.getObject(6, OffsetDateTime.class),
                        rs.getObject(7, OffsetDateTime.class)));
            }
        }
        List<Component> components = components(stored, pageId, zone);
        Map<String, Component> byId = new HashMap<>();
        components.forEach(component -> byId.put(component.id(), component));

        boolean maintenanceActive;
        try (PreparedStatement ps = c.prepareStatement(
                "select exists (select 1 from maintenance where status in ('in_progress', 'verifying'))");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            maintenanceActive = rs.getBoolean(1);
        }

        List<Incident> unresolved = incidents(c, "resolved_at is null", byId, pageId, zone);
        List<Impact> openImpacts = unresolved.stream().map(i -> Impact.of(i.impact())).toList();
        StatusIndicator indicator = StatusIndicator.of(openImpacts, stored.stream().map(StoredComponent::status).toList(),
                maintenanceActive);
        List<ScheduledMaintenance> pending = maintenances(c, "status in ('scheduled', 'in_progress', 'verifying')", byId,
                pageId, zone);
        return new PageSnapshot(revision, updatedAt, page, indicator, components, unresolved, pending,
                memoized(() -> history(byId, pageId, zone)));
    }

    private PageSnapshot.History history(Map<String, Component> byId, String pageId, ZoneId zone) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return new PageSnapshot.History(
                    incidents(c, "id in (select id from incident order by created_at desc, id limit 50)", byId, pageId, zone),
                    maintenances(c, "id in (select id from maintenance order by scheduled_for desc, id limit 50)", byId,
                            pageId, zone));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history: " + e.getMessage(), e);
        }
    }

    private static <T> java.util.function.Supplier<T> memoized(java.util.function.Supplier<T> loader) {
        return new java.util.function.Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        result = value;
                        if (result == null) {
                            value = result = loader.get();
                        }
                    }
                }
                return result;
            }
        };
    }

    private record StoredComponent(String id, String name, String group, int position, ComponentStatus status,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** Components in position order, each group just before its first member, as Statuspage lists them. */
    private static List<Component> components(List<StoredComponent> stored, String pageId, ZoneId zone) {
        Map<String, List<StoredComponent>> groups = new LinkedHashMap<>();
        for (StoredComponent component : stored) {
            if (component.group() != null) {
                groups.computeIfAbsent(component.group(), g -> new ArrayList<>()).add(component);
            }
        }
        List<Component> result = new ArrayList<>();
        Map<String, Boolean> groupWritten = new HashMap<>();
        for (StoredComponent component : stored) {
            String groupId = null;
            if (component.group() != null) {
                groupId = groupId(component.group());
                if (groupWritten.putIfAbsent(component.group(), true) == null) {
                    List<StoredComponent> members = groups.get(component.group());
                    ComponentStatus worst = members.stream().map(StoredComponent::status)
                            .reduce(ComponentStatus.OPERATIONAL, ComponentStatus::worst);
                    OffsetDateTime created = members.stream().map(StoredComponent::createdAt)
                            .min(Comparator.naturalOrder()).orElseThrow();
                    OffsetDateTime updated = members.stream().map(StoredComponent::updatedAt)
                            .max(Comparator.naturalOrder()).orElseThrow();
                    result.add(new Component(groupId, component.group(), worst.wire(), format(created, zone),
                            format(updated, zone), component.position(), null, false, null, null, pageId, true, false,
                            members.stream().map(StoredComponent::id).toList()));
                }
            }
            result.add(new Component(component.id(), component.name(), component.status().wire(),
                    format(component.createdAt(), zone), format(component.updatedAt(), zone), component.position(), null,
                    false, null, groupId, pageId, false, false, null));
        }
        return result;
    }

    /** A stable id for a group, which exists only as a name on its components. */
    static String groupId(String groupName) {
        String slug = groupName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return "group-" + (slug.isEmpty() ? Integer.toHexString(groupName.hashCode()) : slug);
    }

    /** One incident with its updates (newest first) and components, as of the snapshot; empty if unknown. */
    public java.util.Optional<Incident> incident(PageSnapshot snapshot, String id) {
        return incidentsWhere(snapshot, "id = ?", id).stream().findFirst();
    }

    /** Every incident, newest first, with updates and components: the static export writes a page for each. */
    public List<Incident> allIncidents(PageSnapshot snapshot) {
        return incidentsWhere(snapshot, "true");
    }

    /** One maintenance with its updates (newest first) and components, as of the snapshot; empty if unknown. */
    public java.util.Optional<ScheduledMaintenance> maintenance(PageSnapshot snapshot, String id) {
        return maintenancesWhere(snapshot, "id = ?", id).stream().findFirst();
    }

    /** Every maintenance, latest start first, with updates and components: the static export writes a page for each. */
    public List<ScheduledMaintenance> allMaintenances(PageSnapshot snapshot) {
        return maintenancesWhere(snapshot, "true");
    }

    private List<ScheduledMaintenance> maintenancesWhere(PageSnapshot snapshot, String where, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return maintenances(c, where, byId(snapshot), config.page().id(), config.page().timeZone(), params);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read maintenance: " + e.getMessage(), e);
        }
    }

    private static Map<String, Component> byId(PageSnapshot snapshot) {
        Map<String, Component> byId = new HashMap<>();
        snapshot.components().forEach(component -> byId.put(component.id(), component));
        return byId;
    }

    private List<Incident> incidentsWhere(PageSnapshot snapshot, String where, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return incidents(c, where, byId(snapshot), config.page().id(), config.page().timeZone(), params);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read incidents: " + e.getMessage(), e);
        }
    }

    private List<Incident> incidents(Connection c, String where, Map<String, Component> components, String pageId,
            ZoneId zone, Object... params) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        List<OffsetDateTime[]> times = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, title, status, impact, created_at, updated_at, monitoring_at, resolved_at from incident where "
                        + where + " order by created_at desc, id")) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) });
                    times.add(new OffsetDateTime[] { rs.getObject(5, OffsetDateTime.class),
                            rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                            rs.getObject(8, OffsetDateTime.class) });
                }
            }
        }
        String[] ids = rows.stream().map(r -> r[0]).toArray(String[]::new);
        Map<String, List<IncidentUpdate>> updates = updates(c, "incident_update", "incident_id", ids, zone);
        Map<String, List<Component>> touched = touched(c, "incident_component", "incident_id", ids, components);
        List<Incident> incidents = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            OffsetDateTime[] t = times.get(i);
            incidents.add(new Incident(r[0], r[1], r[2], format(t[0], zone), format(t[1], zone), format(t[2], zone),
                    format(t[3], zone), r[3], shortlink(r[0]), format(t[0], zone), pageId,
                    updates.getOrDefault(r[0], List.of()), touched.getOrDefault(r[0], List.of())));
        }
        return incidents;
    }

    private List<ScheduledMaintenance> maintenances(Connection c, String where, Map<String, Component> components,
            String pageId, ZoneId zone, Object... params) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        List<OffsetDateTime[]> times = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, title, status, created_at, updated_at, started_at, finished_at, scheduled_for, scheduled_until"
                        + " from maintenance where " + where + " order by scheduled_for desc, id")) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
                    times.add(new OffsetDateTime[] { rs.getObject(4, OffsetDateTime.class),
                            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
                            rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class),
                            rs.getObject(9, OffsetDateTime.class) });
                }
            }
        }
        String[] ids = rows.stream().map(r -> r[0]).toArray(String[]::new);
        Map<String, List<IncidentUpdate>> updates = updates(c, "maintenance_update", "maintenance_id", ids, zone);
        Map<String, List<Component>> touched = touched(c, "maintenance_component", "maintenance_id", ids, components);
        List<ScheduledMaintenance> result = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            OffsetDateTime[] t = times.get(i);
            result.add(new ScheduledMaintenance(r[0], r[1], r[2], format(t[0], zone), format(t[1], zone), null,
                    format(t[3], zone), "maintenance", shortlink(r[0]), format(t[2], zone), pageId,
                    updates.getOrDefault(r[0], List.of()), touched.getOrDefault(r[0], List.of()), format(t[4], zone),
                    format(t[5], zone)));
        }
        return result;
    }

    /** The updates of each parent, newest first. */
    private Map<String, List<IncidentUpdate>> updates(Connection c, String table, String parentColumn, String[] ids,
            ZoneId zone) throws SQLException {
        Map<String, List<IncidentUpdate>> updates = new HashMap<>();
        boolean hasAffected = table.equals("incident_update");
        String sql = "select id, " + parentColumn + ", status, body, tweet, created_at, notify"
                + (hasAffected ? ", affected_components" : "") + " from " + table + " where " + parentColumn
                + " = any (?) order by created_at desc, seq desc";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String created = format(rs.getObject(6, OffsetDateTime.class), zone);
                    String notify = rs.getString(7);
                    boolean delivered = notify == null || !notify.replaceAll("\\s", "").equals("[]");
                    List<AffectedComponent> affected = hasAffected ? affected(rs.getString(8)) : List.of();
                    String body = rs.getString(4);
                    updates.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(new IncidentUpdate(rs.getString(1),
                            rs.getString(3), body == null ? "" : body, rs.getString(2), created, created, created,
                            affected, delivered, rs.getString(5), null));
                }
            }
        }
        return updates;
    }

    private static Map<String, List<Component>> touched(Connection c, String table, String parentColumn, String[] ids,
            Map<String, Component> components) throws SQLException {
        Map<String, List<Component>> touched = new HashMap<>();
        String sql = "select t." + parentColumn + ", t.component_id from " + table + " t join component on component.id = t.component_id"
                + " where t." + parentColumn + " = any (?) order by component.position";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Component component = components.get(rs.getString(2));
                    if (component != null) {
                        touched.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(component);
                    }
                }
            }
        }
        return touched;
    }

    private List<AffectedComponent> affected(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, AFFECTED);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored affected_components is not JSON", e);
        }
    }

    private String shortlink(String id) {
        String base = config.publicUrl().endsWith("/") ? config.publicUrl() : config.publicUrl() + "/";
        return base + "incidents/" + id;
    }

    private static String format(OffsetDateTime time, ZoneId zone) {
        return Statuspage.time(time, zone);
    }
}
