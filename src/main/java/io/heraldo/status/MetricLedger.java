package io.heraldo.status;

import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import io.heraldo.event.StatusEvent.MetricEvent;
import io.heraldo.event.StatusEvent.MetricPoint;

/**
 * The metrics: a {@code metric.recorded} creates or renames the metric and stores its points, one batch per event,
 * on a handle whose transaction the caller owns. A point at a time already stored takes the new value.
 */
final class MetricLedger {

    StatusChange apply(Handle h, MetricEvent e) {
        h.createUpdate("""
                insert into metric (id, name, unit) values (:id, :name, :unit)
                on conflict (id) do update set name = coalesce(:givenName, metric.name),
                       unit = coalesce(excluded.unit, metric.unit)""")
                .bind("id", e.metricId())
                .bind("name", e.name() == null ? e.metricId() : e.name())
                .bind("unit", e.unit())
                .bind("givenName", e.name())
                .execute();
        PreparedBatch points = h.prepareBatch("""
                insert into metric_point (metric_id, t, v) values (:metricId, :t, :v)
                on conflict (metric_id, t) do update set v = excluded.v""");
        for (MetricPoint point : e.points()) {
            points.bind("metricId", e.metricId()).bind("t", point.t()).bind("v", point.v()).add();
        }
        points.execute();
        return new StatusChange(e, e.name(), null, null, null, List.of(), null, null, null, 0, false);
    }
}
