package io.heraldo.site;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;

import io.heraldo.event.ComponentStatus;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.site.UptimeDays.Change;
import io.heraldo.site.UptimeDays.Day;
import io.heraldo.site.UptimeDays.IncidentSpan;

/**
 * The 90-day uptime bars of every component, read from {@code component_status_change} and the incidents that
 * touched each component. Kept while neither the page revision nor the day changes: today's shares are those of the
 * last change, which is what the page shows until the next one.
 */
@ApplicationScoped
public class UptimeHistory {

    public static final int DAYS = 90;

    /** One component's bar. */
    public record Bar(List<Day> days, double uptime) {
    }

    private record Cached(long revision, LocalDate today, Map<String, Bar> bars) {
    }

    private final Jdbi jdbi;
    private final ZoneId zone;
    private final Clock clock;
    /** The last bars read, per language (the incidents' titles). */
    private final Map<String, Cached> last = new ConcurrentHashMap<>();

    public UptimeHistory(Jdbi jdbi, HeraldoConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.zone = config.page().timeZone();
        this.clock = clock;
    }

    /** Bars by component id, for the snapshot's revision and today, incident titles in the snapshot's language. */
    public Map<String, Bar> bars(PageSnapshot snapshot) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Cached cached = last.get(snapshot.lang());
        if (cached != null && cached.revision() == snapshot.revision() && cached.today().equals(today)) {
            return cached.bars();
        }
        Map<String, Bar> bars = read(today, now, snapshot.lang());
        last.put(snapshot.lang(), new Cached(snapshot.revision(), today, bars));
        return bars;
    }

    private Map<String, Bar> read(LocalDate today, Instant now, String lang) {
        OffsetDateTime start = today.minusDays(DAYS - 1L).atStartOfDay(zone).toOffsetDateTime();
        Map<String, ComponentStatus> before = new HashMap<>();
        Map<String, List<Change>> changes = new HashMap<>();
        Map<String, List<IncidentSpan>> incidents = new HashMap<>();
        Map<String, Instant> components = new LinkedHashMap<>();
        jdbi.useHandle(handle -> {
            handle.setReadOnly(true);
            handle.createQuery("select id, created_at from component order by position")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                    .forEach(component -> components.put(component.getKey(), component.getValue()));
            handle.createQuery("""
                    select distinct on (component_id) component_id, status from component_status_change
                    where changed_at < :start order by component_id, changed_at desc, id desc""")
                    .bind("start", start)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), ComponentStatus.of(rs.getString(2))))
                    .forEach(status -> before.put(status.getKey(), status.getValue()));
            handle.createQuery("""
                    select component_id, status, changed_at from component_status_change
                    where changed_at >= :start order by component_id, changed_at, id""")
                    .bind("start", start)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new Change(
                            rs.getObject(3, OffsetDateTime.class).toInstant(), ComponentStatus.of(rs.getString(2)))))
                    .forEach(change -> changes.computeIfAbsent(change.getKey(), k -> new ArrayList<>())
                            .add(change.getValue()));
            handle.createQuery("""
                    select ic.component_id, i.id, coalesce(i.titles ->> :lang, i.title), i.created_at, i.resolved_at
                    from incident i join incident_component ic on ic.incident_id = i.id
                    where i.resolved_at is null or i.resolved_at >= :start""")
                    .bind("start", start)
                    .bind("lang", lang)
                    .map((rs, ctx) -> {
                        OffsetDateTime resolved = rs.getObject(5, OffsetDateTime.class);
                        return Map.entry(rs.getString(1), new IncidentSpan(rs.getString(2), rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class).toInstant(),
                                resolved == null ? null : resolved.toInstant()));
                    })
                    .forEach(span -> incidents.computeIfAbsent(span.getKey(), k -> new ArrayList<>())
                            .add(span.getValue()));
        });
        Map<String, Bar> bars = new HashMap<>();
        for (Map.Entry<String, Instant> component : components.entrySet()) {
            String id = component.getKey();
            // A component is created operational, without a change row: its history starts there.
            ComponentStatus initial = before.get(id);
            List<Change> history = changes.getOrDefault(id, List.of());
            if (initial == null && component.getValue().isBefore(start.toInstant())) {
                initial = ComponentStatus.OPERATIONAL;
            } else if (initial == null) {
                history = new ArrayList<>(history);
                history.add(0, new Change(component.getValue(), ComponentStatus.OPERATIONAL));
            }
            List<Day> days = UptimeDays.of(today, DAYS, zone, now, initial, history,
                    incidents.getOrDefault(id, List.of()));
            bars.put(id, new Bar(days, UptimeDays.uptime(days)));
        }
        return bars;
    }
}
