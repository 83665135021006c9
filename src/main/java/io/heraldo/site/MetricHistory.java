package io.heraldo.site;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;

import io.heraldo.site.MetricChart.Chart;
import io.heraldo.site.MetricChart.Point;

/**
 * The page's metrics ({@code metric}, {@code metric_point}, fed by {@code metric.recorded}) as charts of the last
 * 24 hours and 7 days. Metrics with no point in the last 7 days are left out. Kept while the page revision stays.
 */
@ApplicationScoped
public class MetricHistory {

    /** One metric with its two charts. */
    public record Metric(String id, String name, String unit, Chart day, Chart week) {
    }

    private record Cached(long revision, List<Metric> metrics) {
    }

    private record PointRow(String id, String name, String unit, Point point) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicReference<Cached> last = new AtomicReference<>();

    public MetricHistory(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public List<Metric> metrics(PageSnapshot snapshot) {
        Cached cached = last.get();
        if (cached != null && cached.revision() == snapshot.revision()) {
            return cached.metrics();
        }
        List<Metric> metrics = read(clock.instant());
        last.set(new Cached(snapshot.revision(), metrics));
        return metrics;
    }

    private List<Metric> read(Instant now) {
        Instant weekAgo = now.minus(Duration.ofDays(7));
        Instant dayAgo = now.minus(Duration.ofDays(1));
        Map<String, String[]> names = new LinkedHashMap<>();
        Map<String, List<Point>> points = new LinkedHashMap<>();
        jdbi.useHandle(handle -> handle.setReadOnly(true).createQuery("""
                select m.id, m.name, m.unit, p.t, p.v from metric m join metric_point p on p.metric_id = m.id
                where p.t >= :from and p.t <= :to order by m.name, m.id, p.t""")
                .bind("from", OffsetDateTime.ofInstant(weekAgo, ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .map((rs, ctx) -> new PointRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        new Point(rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getDouble(5))))
                .forEach(row -> {
                    names.putIfAbsent(row.id(), new String[] { row.name(), row.unit() });
                    points.computeIfAbsent(row.id(), k -> new ArrayList<>()).add(row.point());
                }));
        List<Metric> metrics = new ArrayList<>();
        names.forEach((id, nameUnit) -> metrics.add(new Metric(id, nameUnit[0], nameUnit[1],
                MetricChart.of(points.get(id), dayAgo, now), MetricChart.of(points.get(id), weekAgo, now))));
        return metrics;
    }
}
