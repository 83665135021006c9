package io.heraldo.site;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

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

    private record IncidentRow(String id, String title, String status, String impact, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, OffsetDateTime monitoringAt, OffsetDateTime resolvedAt) {
    }

    private record MaintenanceRow(String id, String title, String status, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime scheduledFor,
            OffsetDateTime scheduledUntil) {
    }

    /** An update and the incident or maintenance it belongs to. */
    private record UpdateRow(String parentId, IncidentUpdate update) {
    }

    private final Jdbi jdbi;
    private final PageRevision revisions;
    private final HeraldoConfig config;
    private final ObjectMapper json;
    /** The last snapshot read, per language. */
    private final Map<String, PageSnapshot> last = new ConcurrentHashMap<>();

    public PageSnapshots(Jdbi jdbi, PageRevision revisions, HeraldoConfig config, ObjectMapper json) {
        this.jdbi = jdbi;
        this.revisions = revisions;
        this.config = config;
        this.json = json;
    }

    /** The snapshot of the current revision in the default locale ({@link PageRevision}: trusted for a while, else read). */
    public PageSnapshot current() {
        return at(revisions.current());
    }

    /** The snapshot of the current revision with the texts in {@code lang}. */
    public PageSnapshot current(String lang) {
        return at(revisions.current(), lang);
    }

    /** The same revision with the texts in {@code lang} (the static export writes every language). */
    public PageSnapshot in(PageSnapshot snapshot, String lang) {
        return snapshot.lang().equals(lang) ? snapshot
                : at(new Revision(snapshot.revision(), snapshot.updatedAt(), Instant.now()), lang);
    }

    /** The snapshot of a revision in the default locale. */
    public PageSnapshot at(Revision revision) {
        return at(revision, config.defaultLocale());
    }

    /**
     * The snapshot of a revision: the last one if it is of that revision, else read now. Read after the revision:
     * what is read is at least as new, so keeping it under that revision never hides a change.
     */
    public PageSnapshot at(Revision revision, String lang) {
        PageSnapshot snapshot = last.get(lang);
        if (snapshot != null && snapshot.revision() == revision.number()) {
            return snapshot;
        }
        snapshot = jdbi.withHandle(handle -> handle.setReadOnly(true)
                .inTransaction(transaction -> load(transaction, revision.number(), revision.updatedAt(), lang)));
        last.put(lang, snapshot);
        return snapshot;
    }

    private PageSnapshot load(Handle handle, long revision, OffsetDateTime updatedAt, String lang) {
        ZoneId zone = config.page().timeZone();
        String pageId = config.page().id();
        Page page = new Page(pageId, config.page().name(), config.publicUrl(), zone.getId(), format(updatedAt, zone));

        List<StoredComponent> stored = handle.createQuery(
                "select id, name, group_name, position, status, created_at, updated_at from component order by position")
                .map((rs, ctx) -> new StoredComponent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        ComponentStatus.of(rs.getString(5)), rs.getObject(6, OffsetDateTime.class),
                        rs.getObject(7, OffsetDateTime.class)))
                .list();
        List<Component> components = components(stored, pageId, zone);
        Map<String, Component> byId = new HashMap<>();
        components.forEach(component -> byId.put(component.id(), component));

        boolean maintenanceActive = handle
                .createQuery("select exists (select 1 from maintenance where status in ('in_progress', 'verifying'))")
                .mapTo(Boolean.class)
                .one();

        List<Incident> unresolved = incidents(handle, "resolved_at is null", Map.of(), byId, pageId, zone, lang);
        List<Impact> openImpacts = unresolved.stream().map(i -> Impact.of(i.impact())).toList();
        StatusIndicator indicator = StatusIndicator.of(openImpacts, stored.stream().map(StoredComponent::status).toList(),
                maintenanceActive);
        List<ScheduledMaintenance> pending = maintenances(handle, "status in ('scheduled', 'in_progress', 'verifying')",
                Map.of(), byId, pageId, zone, lang);
        return new PageSnapshot(revision, lang, updatedAt, page, indicator, components, unresolved, pending,
                memoized(() -> history(byId, pageId, zone, lang)));
    }

    private PageSnapshot.History history(Map<String, Component> byId, String pageId, ZoneId zone, String lang) {
        return jdbi.withHandle(handle -> {
            handle.setReadOnly(true);
            return new PageSnapshot.History(
                    incidents(handle, "id in (select id from incident order by created_at desc, id limit 50)", Map.of(),
                            byId, pageId, zone, lang),
                    maintenances(handle, "id in (select id from maintenance order by scheduled_for desc, id limit 50)",
                            Map.of(), byId, pageId, zone, lang));
        });
    }

    private static <T> Supplier<T> memoized(Supplier<T> loader) {
        return new Supplier<>() {
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
        String slug = groupName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return "group-" + (slug.isEmpty() ? Integer.toHexString(groupName.hashCode()) : slug);
    }

    /** One incident with its updates (newest first) and components, as of the snapshot; empty if unknown. */
    public Optional<Incident> incident(PageSnapshot snapshot, String id) {
        return jdbi.withHandle(handle -> incidents(handle.setReadOnly(true), "id = :id", Map.of("id", id),
                byId(snapshot), config.page().id(), config.page().timeZone(), snapshot.lang())).stream().findFirst();
    }

    /** Every incident, newest first, with updates and components: the static export writes a page for each. */
    public List<Incident> allIncidents(PageSnapshot snapshot) {
        return jdbi.withHandle(handle -> incidents(handle.setReadOnly(true), "true", Map.of(), byId(snapshot),
                config.page().id(), config.page().timeZone(), snapshot.lang()));
    }

    /** One maintenance with its updates (newest first) and components, as of the snapshot; empty if unknown. */
    public Optional<ScheduledMaintenance> maintenance(PageSnapshot snapshot, String id) {
        return jdbi.withHandle(handle -> maintenances(handle.setReadOnly(true), "id = :id", Map.of("id", id),
                byId(snapshot), config.page().id(), config.page().timeZone(), snapshot.lang())).stream().findFirst();
    }

    /** Every maintenance, latest start first, with updates and components: the static export writes a page for each. */
    public List<ScheduledMaintenance> allMaintenances(PageSnapshot snapshot) {
        return jdbi.withHandle(handle -> maintenances(handle.setReadOnly(true), "true", Map.of(), byId(snapshot),
                config.page().id(), config.page().timeZone(), snapshot.lang()));
    }

    private static Map<String, Component> byId(PageSnapshot snapshot) {
        Map<String, Component> byId = new HashMap<>();
        snapshot.components().forEach(component -> byId.put(component.id(), component));
        return byId;
    }

    /** The incidents {@code where} selects (its named parameters in {@code params}), newest first. */
    private List<Incident> incidents(Handle handle, String where, Map<String, ?> params,
            Map<String, Component> components, String pageId, ZoneId zone, String lang) {
        List<IncidentRow> rows = handle.createQuery(
                "select id, coalesce(titles ->> :lang, title), status, impact, created_at, updated_at, monitoring_at,"
                        + " resolved_at from incident where " + where + " order by created_at desc, id")
                .bindMap(params)
                .bind("lang", lang)
                .map((rs, ctx) -> new IncidentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
                        rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class)))
                .list();
        String[] ids = rows.stream().map(IncidentRow::id).toArray(String[]::new);
        Map<String, List<IncidentUpdate>> updates = updates(handle, "incident_update", "incident_id", ids, zone, lang);
        Map<String, List<Component>> touched = touched(handle, "incident_component", "incident_id", ids, components);
        List<Incident> incidents = new ArrayList<>(rows.size());
        for (IncidentRow r : rows) {
            incidents.add(new Incident(r.id(), r.title(), r.status(), format(r.createdAt(), zone),
                    format(r.updatedAt(), zone), format(r.monitoringAt(), zone), format(r.resolvedAt(), zone),
                    r.impact(), shortlink(r.id()), format(r.createdAt(), zone), pageId,
                    updates.getOrDefault(r.id(), List.of()), touched.getOrDefault(r.id(), List.of())));
        }
        return incidents;
    }

    /** The maintenances {@code where} selects (its named parameters in {@code params}), latest start first. */
    private List<ScheduledMaintenance> maintenances(Handle handle, String where, Map<String, ?> params,
            Map<String, Component> components, String pageId, ZoneId zone, String lang) {
        List<MaintenanceRow> rows = handle.createQuery(
                "select id, coalesce(titles ->> :lang, title), status, created_at, updated_at, started_at, finished_at,"
                        + " scheduled_for, scheduled_until from maintenance where " + where
                        + " order by scheduled_for desc, id")
                .bindMap(params)
                .bind("lang", lang)
                .map((rs, ctx) -> new MaintenanceRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class),
                        rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                        rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class)))
                .list();
        String[] ids = rows.stream().map(MaintenanceRow::id).toArray(String[]::new);
        Map<String, List<IncidentUpdate>> updates = updates(handle, "maintenance_update", "maintenance_id", ids, zone,
                lang);
        Map<String, List<Component>> touched = touched(handle, "maintenance_component", "maintenance_id", ids, components);
        List<ScheduledMaintenance> result = new ArrayList<>(rows.size());
        for (MaintenanceRow r : rows) {
            result.add(new ScheduledMaintenance(r.id(), r.title(), r.status(), format(r.createdAt(), zone),
                    format(r.updatedAt(), zone), null, format(r.finishedAt(), zone), "maintenance", shortlink(r.id()),
                    format(r.startedAt(), zone), pageId, updates.getOrDefault(r.id(), List.of()),
                    touched.getOrDefault(r.id(), List.of()), format(r.scheduledFor(), zone),
                    format(r.scheduledUntil(), zone)));
        }
        return result;
    }

    /** The updates of each parent, newest first. */
    private Map<String, List<IncidentUpdate>> updates(Handle handle, String table, String parentColumn, String[] ids,
            ZoneId zone, String lang) {
        boolean hasAffected = table.equals("incident_update");
        String sql = "select id, " + parentColumn + ", status, coalesce(bodies ->> :lang, body), tweet, created_at, notify"
                + (hasAffected ? ", affected_components" : "") + " from " + table + " where " + parentColumn
                + " = any (:ids) order by created_at desc, seq desc";
        Map<String, List<IncidentUpdate>> updates = new HashMap<>();
        handle.createQuery(sql)
                .bind("ids", ids)
                .bind("lang", lang)
                .map((rs, ctx) -> update(rs, hasAffected, zone))
                .forEach(row -> updates.computeIfAbsent(row.parentId(), k -> new ArrayList<>()).add(row.update()));
        return updates;
    }

    private UpdateRow update(ResultSet rs, boolean hasAffected, ZoneId zone) throws SQLException {
        String created = format(rs.getObject(6, OffsetDateTime.class), zone);
        String notify = rs.getString(7);
        boolean delivered = notify == null || !notify.replaceAll("\\s", "").equals("[]");
        List<AffectedComponent> affected = hasAffected ? affected(rs.getString(8)) : List.of();
        String body = rs.getString(4);
        return new UpdateRow(rs.getString(2), new IncidentUpdate(rs.getString(1), rs.getString(3),
                body == null ? "" : body, rs.getString(2), created, created, created, affected, delivered,
                rs.getString(5), null));
    }

    private static Map<String, List<Component>> touched(Handle handle, String table, String parentColumn, String[] ids,
            Map<String, Component> components) {
        String sql = "select t." + parentColumn + ", t.component_id from " + table + " t join component on component.id = t.component_id"
                + " where t." + parentColumn + " = any (:ids) order by component.position";
        Map<String, List<Component>> touched = new HashMap<>();
        handle.createQuery(sql)
                .bind("ids", ids)
                .map((rs, ctx) -> new String[] { rs.getString(1), rs.getString(2) })
                .forEach(link -> {
                    Component component = components.get(link[1]);
                    if (component != null) {
                        touched.computeIfAbsent(link[0], k -> new ArrayList<>()).add(component);
                    }
                });
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
