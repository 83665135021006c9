package io.heraldo.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

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

    private final DataSource dataSource;
    private final Clock clock;
    private final AtomicReference<Cached> last = new AtomicReference<>();

    public MetricHistory(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
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
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            try (PreparedStatement ps = c.prepareStatement("""
                    select m.id, m.name, m.unit, p.t, p.v from metric m join metric_point p on p.metric_id = m.id
                    where p.t >= ? and p.t <= ? order by m.name, m.id, p.t""")) {
                ps.setObject(1, OffsetDateTime.ofInstant(weekAgo, ZoneOffset.UTC));
                ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        names.putIfAbsent(id, new String[] { rs.getString(2), rs.getString(3) });
                        points.computeIfAbsent(id, k -> new ArrayList<>())
                                .add(new Point(rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getDouble(5)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the metrics: " + e.getMessage(), e);
        }
        List<Metric> metrics = new ArrayList<>();
        names.forEach((id, nameUnit) -> metrics.add(new Metric(id, nameUnit[0], nameUnit[1],
                MetricChart.of(points.get(id), dayAgo, now), MetricChart.of(points.get(id), weekAgo, now))));
        return metrics;
    }
}
