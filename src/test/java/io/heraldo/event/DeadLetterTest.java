package io.heraldo.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.heraldo.ManagementPort;
import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Records that cannot be understood go to the dead-letter topic with a reason naming the field, and the consumer
 * goes on: a valid record published after them, on the same partition, is applied.
 */
@QuarkusTest
class DeadLetterTest {

    @Test
    void everyKindOfPoisonIsDeadLetteredWithItsReasonAndTheNextRecordIsApplied() {
        String key = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> poisons = new LinkedHashMap<>();
        poisons.put("record value: is not valid JSON", "{\"specversion\": \"1.0\", oops".getBytes(StandardCharsets.UTF_8));
        poisons.put("record value: is empty", new byte[0]);
        poisons.put("type: 'incident.exploded' is not a known event type",
                event(key + "-1", "incident.exploded", "{\"incident\": {\"id\": \"x\"}}"));
        poisons.put("data.incident.title: is required",
                event(key + "-2", "incident.opened", """
                        {"incident": {"id": "inc-x", "status": "investigating", "impact": "minor"}, "update": {"body": "b"}}"""));
        poisons.put("data.incident.impact: 'catastrophic' is not one of none, minor, major, critical",
                event(key + "-3", "incident.opened", """
                        {"incident": {"id": "inc-x", "title": "t", "status": "investigating", "impact": "catastrophic"},
                         "update": {"body": "b"}}"""));
        poisons.put("data.update.body: is 5001 characters, at most 5000 allowed",
                event(key + "-4", "incident.opened", """
                        {"incident": {"id": "inc-x", "title": "t", "status": "investigating", "impact": "minor"},
                         "update": {"body": "%s"}}""".formatted("x".repeat(5001))));
        poisons.put("data.component.id: 'bad id!' is not an id",
                event(key + "-5", "component.status_changed", "{\"component\": {\"id\": \"bad id!\", \"status\": \"operational\"}}"));
        poisons.put("data.incident.title: is required because incident 'never-opened-" + key + "' has not been opened",
                event(key + "-6", "incident.updated", """
                        {"incident": {"id": "never-opened-%s", "status": "identified"}, "update": {"body": "b"}}""".formatted(key)));
        for (byte[] poison : poisons.values()) {
            TestKafka.publishStructured(key, poison);
        }
        // Binary mode without ce_id.
        TestKafka.publish(key, "{\"component\": {\"id\": \"c\", \"status\": \"operational\"}}".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_specversion", "1.0", "ce_source", "/test", "ce_type", "component.status_changed"));
        poisons.put("ce_id: header is required in binary mode", null);

        // A valid record after the poison, same key, same partition.
        String component = "after-" + key;
        TestKafka.publishStructured(key, event(key + "-ok", "component.status_changed",
                "{\"component\": {\"id\": \"%s\", \"status\": \"degraded_performance\"}}".formatted(component)));

        // Rejections found while applying are sent after the batch commits, so dead letters can come out of order;
        // dead-letter-offset says where each came from.
        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.awaitDeadLetters(r -> key.equals(r.key()), poisons.size())
                .stream().sorted(Comparator.comparingLong(r -> Long.parseLong(TestKafka.header(r, "dead-letter-offset"))))
                .toList();
        List<String> reasons = deadLetters.stream().map(r -> TestKafka.header(r, "dead-letter-reason")).toList();
        List<String> expected = List.copyOf(poisons.keySet());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(reasons.get(i)).as("dead letter %d", i).startsWith(expected.get(i));
        }
        long previousOffset = -1;
        for (ConsumerRecord<String, byte[]> deadLetter : deadLetters) {
            assertThat(TestKafka.header(deadLetter, "dead-letter-topic")).isEqualTo("status-events");
            assertThat(TestKafka.header(deadLetter, "dead-letter-partition")).matches("\\d+");
            long offset = Long.parseLong(TestKafka.header(deadLetter, "dead-letter-offset"));
            assertThat(offset).isGreaterThan(previousOffset);
            previousOffset = offset;
        }
        // The record is kept as it was, so it can be fixed and published again.
        assertThat(new String(deadLetters.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"specversion\": \"1.0\", oops");
        // Binary-mode headers travel with the dead letter.
        assertThat(TestKafka.header(deadLetters.get(deadLetters.size() - 1), "ce_type")).isEqualTo("component.status_changed");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v2/components.json").then()
                .body("components.id", hasItem(component))
                .body("components.find { it.id == '%s' }.status".formatted(component), is("degraded_performance")));
        ManagementPort.given().get("/q/metrics").then()
                .body(containsString("heraldo_events_dead_lettered_total"));
    }

    @Test
    void valuesTheDatabaseCannotStoreAreDeadLetteredByTheParserNotByTheDatabase() {
        String key = "unstorable-" + UUID.randomUUID().toString().substring(0, 8);
        // U+0000 written as a JSON escape, then times PostgreSQL refuses: each once took the batch to the database,
        // failed there and came out as "could not be stored".
        TestKafka.publishStructured(key, event(key + "-nul", "incident.opened", """
                {"incident": {"id": "%s", "title": "t", "status": "investigating", "impact": "minor"},
                 "update": {"body": "LDAP\\u0000caído"}}""".formatted(key)));
        TestKafka.publishStructured(key, event(key + "-year", "metric.recorded", """
                {"metric": {"id": "%s"}, "points": [{"t": "+999999999-01-01T00:00:00Z", "v": 1}]}""".formatted(key)));
        TestKafka.publishStructured(key, event(key + "-offset", "maintenance.scheduled", """
                {"maintenance": {"id": "%s", "title": "t", "scheduledFor": "2030-01-01T00:00:00+17:00",
                                 "scheduledUntil": "2030-01-02T00:00:00Z"}}""".formatted(key)));
        String component = "after-" + key;
        TestKafka.publishStructured(key, event(key + "-ok", "component.status_changed",
                "{\"component\": {\"id\": \"%s\", \"status\": \"partial_outage\"}}".formatted(component)));

        List<String> reasons = TestKafka.awaitDeadLetters(r -> key.equals(r.key()), 3).stream()
                .sorted(Comparator.comparingLong(r -> Long.parseLong(TestKafka.header(r, "dead-letter-offset"))))
                .map(r -> TestKafka.header(r, "dead-letter-reason")).toList();
        assertThat(reasons).containsExactly(
                "data.update.body: contains the character U+0000 (NUL), which cannot be stored",
                "data.points[0].t: '+999999999-01-01T00:00:00Z' is not an RFC 3339 timestamp (the year must be 4 digits, 0000 to 9999)",
                "data.maintenance.scheduledFor: '2030-01-01T00:00:00+17:00' has the offset +17:00, which cannot be stored (at most ±15:59)");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v2/components.json").then()
                .body("components.find { it.id == '%s' }.status".formatted(component), is("partial_outage")));
    }

    static byte[] event(String id, String type, String data) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "%s", "data": %s}"""
                .formatted(id, type, data).getBytes(StandardCharsets.UTF_8);
    }
}
