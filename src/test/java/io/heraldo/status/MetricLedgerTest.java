package io.heraldo.status;

import static io.heraldo.status.StatusEvents.DAY;
import static io.heraldo.status.StatusEvents.UTC;
import static io.heraldo.status.StatusEvents.event;
import static io.heraldo.status.StatusEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Metrics on a real PostgreSQL through the ledger, without Quarkus. */
class MetricLedgerTest {

    @RegisterExtension
    static final LedgerDatabase db = new LedgerDatabase();

    private record Metric(String name, String unit) {
    }

    private record Point(OffsetDateTime t, double v) {
    }

    @Test
    void pointsAreStoredAndAPointAtAStoredTimeTakesTheNewValue() {
        String suffix = unique();
        String id = "latency-" + suffix;

        StatusChange first = db.applied(event("points-1-" + suffix, "metric.recorded", id, DAY.plusHours(13), """
                {"metric": {"id": "%s", "unit": "ms"},
                 "points": [{"t": "%s", "v": 120}, {"t": "%s", "v": 118}]}"""
                .formatted(id, DAY.plusHours(12), DAY.plusHours(12).plusMinutes(5))));

        assertThat(first.title()).isNull();
        assertThat(first.status()).as("a metric has no status").isNull();
        assertThat(metric(id)).as("named by its id until an event names it").isEqualTo(new Metric(id, "ms"));

        db.applied(event("points-2-" + suffix, "metric.recorded", id, DAY.plusHours(14), """
                {"metric": {"id": "%s", "name": "IMAP login latency"},
                 "points": [{"t": "%s", "v": 2400}, {"t": "%s", "v": 3100.5}]}"""
                .formatted(id, DAY.plusHours(12).plusMinutes(5), DAY.plusHours(12).plusMinutes(10))));

        assertThat(metric(id)).as("renamed, its unit kept").isEqualTo(new Metric("IMAP login latency", "ms"));
        assertThat(points(id)).containsExactly(
                new Point(DAY.plusHours(12), 120),
                new Point(DAY.plusHours(12).plusMinutes(5), 2400),
                new Point(DAY.plusHours(12).plusMinutes(10), 3100.5));
    }

    private static Metric metric(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("select name, unit from metric where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Metric(rs.getString("name"), rs.getString("unit")))
                .one());
    }

    private static List<Point> points(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("select t, v from metric_point where metric_id = :id order by t")
                .bind("id", id)
                .map((rs, ctx) -> new Point(rs.getObject("t", OffsetDateTime.class).withOffsetSameInstant(UTC),
                        rs.getDouble("v")))
                .list());
    }
}
