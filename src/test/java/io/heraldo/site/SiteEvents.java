package io.heraldo.site;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import io.heraldo.TestKafka;

/** Status events about now, for the site's tests: unique ids, no notifications. */
final class SiteEvents {

    private SiteEvents() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A JSON string literal. */
    static String json(String text) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    static void component(String id, String name, String group, String status, OffsetDateTime at) {
        publish(id, "component.status_changed", at, """
                {"component": {"id": %s, "name": %s%s, "status": "%s"}, "notify": []}"""
                .formatted(json(id), json(name), group == null ? "" : ", \"group\": " + json(group), status));
    }

    static void incidentOpened(String id, String title, String body, String componentId, String status, OffsetDateTime at) {
        publish(id, "incident.opened", at, """
                {"incident": {"id": %s, "title": %s, "status": "investigating", "impact": "major",
                 "components": {%s: "%s"}}, "update": {"body": %s}, "notify": []}"""
                .formatted(json(id), json(title), json(componentId), status, json(body)));
    }

    static void incidentResolved(String id, String body, String componentId, OffsetDateTime at) {
        publish(id, "incident.resolved", at, """
                {"incident": {"id": %s, "status": "resolved", "components": {%s: "operational"}},
                 "update": {"body": %s}, "notify": []}"""
                .formatted(json(id), json(componentId), json(body)));
    }

    static void maintenanceScheduled(String id, String title, String body, OffsetDateTime from, OffsetDateTime until,
            OffsetDateTime at, String... componentIds) {
        StringBuilder components = new StringBuilder();
        for (String component : componentIds) {
            components.append(components.isEmpty() ? "" : ", ").append(json(component));
        }
        publish(id, "maintenance.scheduled", at, """
                {"maintenance": {"id": %s, "title": %s, "status": "scheduled", "scheduledFor": "%s",
                 "scheduledUntil": "%s", "components": [%s]}, "update": {"body": %s}, "notify": []}"""
                .formatted(json(id), json(title), from, until, components, json(body)));
    }

    static void maintenanceCancelled(String id, String body, OffsetDateTime at) {
        publish(id, "maintenance.cancelled", at, """
                {"maintenance": {"id": %s, "status": "cancelled"}, "update": {"body": %s}, "notify": []}"""
                .formatted(json(id), json(body)));
    }

    static void metric(String id, String name, String unit, OffsetDateTime... times) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < times.length; i++) {
            points.append(i == 0 ? "" : ",").append("{\"t\": \"").append(times[i]).append("\", \"v\": ").append(100 + i * 10)
                    .append('}');
        }
        publish(id, "metric.recorded", OffsetDateTime.now(ZoneOffset.UTC), """
                {"metric": {"id": %s, "name": %s, "unit": %s}, "points": [%s]}"""
                .formatted(json(id), json(name), json(unit), points));
    }

    private static void publish(String subject, String type, OffsetDateTime at, String data) {
        TestKafka.publishStructured(subject, """
                {"specversion": "1.0", "id": %s, "source": "/site-tests", "type": "%s", "subject": %s,
                 "time": "%s", "datacontenttype": "application/json", "data": %s}"""
                .formatted(json(unique(subject)), type, json(subject), at, data));
    }
}
