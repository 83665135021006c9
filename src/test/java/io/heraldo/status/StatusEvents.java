package io.heraldo.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.event.EventParser;
import io.heraldo.event.StatusEvent;

/** Status events as producers publish them (structured CloudEvents), read by the real parser. */
final class StatusEvents {

    static final ZoneOffset UTC = ZoneOffset.UTC;
    /** A fixed day, so every time a test names is exact. */
    static final OffsetDateTime DAY = OffsetDateTime.of(2025, 3, 10, 0, 0, 0, 0, UTC);

    private static final EventParser PARSER = new EventParser(new ObjectMapper(), "es", Clock.systemUTC());

    private StatusEvents() {
    }

    /** A suffix that keeps one test's subjects apart from every other test's in the shared database. */
    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The envelope around {@code data} (a JSON object), parsed. */
    static StatusEvent event(String id, String type, String subject, OffsetDateTime time, String data) {
        String envelope = """
                {"specversion": "1.0", "id": "%s", "source": "/tests/status", "type": "%s", "subject": "%s",
                 "time": "%s", "datacontenttype": "application/json", "data": %s}"""
                .formatted(id, type, subject, time, data);
        return PARSER.fromStructured(envelope.getBytes(StandardCharsets.UTF_8));
    }

    /** An incident event; {@code incident} is the inside of {@code data.incident} after its id. */
    static StatusEvent incident(String id, String type, String incidentId, OffsetDateTime time, String incident,
            String body) {
        return event(id, type, incidentId, time, """
                {"incident": {"id": "%s"%s}, "update": {"body": "%s"}}""".formatted(incidentId,
                incident.isEmpty() ? "" : ", " + incident, body));
    }

    static StatusEvent component(String id, String componentId, OffsetDateTime time, String status, String name) {
        return event(id, "component.status_changed", componentId, time, """
                {"component": {"id": "%s", "status": "%s"%s}}""".formatted(componentId, status,
                name == null ? "" : ", \"name\": \"" + name + "\""));
    }

    /** A maintenance event; {@code maintenance} is the inside of {@code data.maintenance} after its id. */
    static StatusEvent maintenance(String id, String type, String maintenanceId, OffsetDateTime time,
            String maintenance, String body) {
        return event(id, type, maintenanceId, time, """
                {"maintenance": {"id": "%s"%s}%s}""".formatted(maintenanceId,
                maintenance.isEmpty() ? "" : ", " + maintenance,
                body == null ? "" : ", \"update\": {\"body\": \"" + body + "\"}"));
    }
}
