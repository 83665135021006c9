package io.heraldo.event;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.heraldo.ManagementPort;
import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IdempotencyAndOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aRepeatedEventIdChangesNothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String incident = "inc-idem-" + suffix;
        String eventId = "evt-idem-" + suffix;
        double duplicatesBefore = duplicates();
        TestKafka.publishStructured(incident, opened(eventId, incident, "First title", "2026-01-01T10:00:00Z"));
        TestKafka.publishStructured(incident, opened(eventId, incident, "Second title", "2026-01-01T10:05:00Z"));
        TestKafka.publishStructured(incident, resolved("evt-idem-resolve-" + suffix, incident, "2026-01-01T11:00:00Z"));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents.json").then()
                .body("incidents.find { it.id == '%s' }.status".formatted(incident), is("resolved"))
                .body("incidents.find { it.id == '%s' }.name".formatted(incident), is("First title"))
                .body("incidents.find { it.id == '%s' }.incident_updates".formatted(incident), hasSize(2)));
        await().atMost(WAIT).until(() -> duplicates() >= duplicatesBefore + 1);
    }

    @Test
    void updatesOfOneSubjectAreAppliedInPublishingOrder() {
        String incident = "inc-order-" + UUID.randomUUID().toString().substring(0, 8);
        String[] statuses = { "investigating", "identified", "monitoring" };
        OffsetDateTime start = OffsetDateTime.parse("2026-02-01T10:00:00Z");
        TestKafka.publishStructured(incident, opened(incident + "-0", incident, "Ordered", start.toString()));
        List<String> expectedNewestFirst = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String status = statuses[i % statuses.length];
            TestKafka.publishStructured(incident, """
                    {"specversion": "1.0", "id": "%s-%d", "source": "/test", "type": "incident.updated", "time": "%s",
                     "data": {"incident": {"id": "%s", "status": "%s", "components": {"%s-c": "partial_outage"}},
                              "update": {"body": "update %d"}}}"""
                    .formatted(incident, i, start.plusMinutes(i), incident, status, incident, i));
            expectedNewestFirst.add(0, "update " + i);
        }
        expectedNewestFirst.add("opened");
        TestKafka.publishStructured(incident, resolved(incident + "-end", incident, start.plusHours(2).toString()));
        expectedNewestFirst.add(0, "over");

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents.json").then()
                .body("incidents.find { it.id == '%s' }.incident_updates.body".formatted(incident),
                        contains(expectedNewestFirst.toArray())));
        // The component came back when the incident was resolved.
        given().get("/api/v2/components.json").then()
                .body("components.id", hasItem(incident + "-c"))
                .body("components.find { it.id == '%s-c' }.status".formatted(incident), is("operational"));
    }

    private static double duplicates() {
        String metrics = ManagementPort.given().get("/q/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith("heraldo_events_duplicated_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static String opened(String id, String incident, String title, String time) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "incident.opened", "time": "%s",
                 "data": {"incident": {"id": "%s", "title": "%s", "status": "investigating", "impact": "minor"},
                          "update": {"body": "opened"}}}""".formatted(id, time, incident, title);
    }

    private static String resolved(String id, String incident, String time) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "incident.resolved", "time": "%s",
                 "data": {"incident": {"id": "%s"}, "update": {"body": "over"}}}""".formatted(id, time, incident);
    }
}
