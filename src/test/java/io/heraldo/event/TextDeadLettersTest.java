package io.heraldo.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A text in several languages that cannot be taken is a dead letter whose reason names field and language, and an
 * HTTP 400 from the admin API saying the same; the consumer goes on with the next record.
 */
@QuarkusTest
class TextDeadLettersTest {

    @Test
    void eachFaultOfAMultilingualTextIsDeadLetteredByFieldAndLanguage() {
        String key = "texts-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> poisons = new LinkedHashMap<>();
        poisons.put("data.incident.title.fr: 'fr' is not one of the languages (es, en, pt)",
                DeadLetterTest.event(key + "-1", "incident.opened", """
                        {"incident": {"id": "inc-x", "title": {"es": "Caída", "fr": "Panne"}, "status": "investigating",
                         "impact": "minor"}, "update": {"body": "b"}}"""));
        poisons.put("data.update.body.en: is 5001 characters, at most 5000 allowed",
                DeadLetterTest.event(key + "-2", "incident.opened", """
                        {"incident": {"id": "inc-x", "title": "t", "status": "investigating", "impact": "minor"},
                         "update": {"body": {"es": "b", "en": "%s"}}}""".formatted("x".repeat(5001))));
        poisons.put("data.notice.title: is an empty object; give the text in at least one language (es, en, pt)",
                DeadLetterTest.event(key + "-3", "notice.published", """
                        {"notice": {"id": "n-x", "title": {}, "body": "b"}}"""));
        for (byte[] poison : poisons.values()) {
            TestKafka.publishStructured(key, poison);
        }
        String component = "after-" + key;
        TestKafka.publishStructured(key, DeadLetterTest.event(key + "-ok", "component.status_changed",
                "{\"component\": {\"id\": \"%s\", \"status\": \"degraded_performance\"}}".formatted(component)));

        List<String> reasons = TestKafka.awaitDeadLetters(r -> key.equals(r.key()), poisons.size()).stream()
                .sorted(Comparator.comparingLong(
                        (ConsumerRecord<String, byte[]> r) -> Long.parseLong(TestKafka.header(r, "dead-letter-offset"))))
                .map(r -> TestKafka.header(r, "dead-letter-reason")).toList();
        assertThat(reasons).containsExactlyElementsOf(poisons.keySet());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v2/components.json").then()
                .body("components.id", hasItem(component)));
    }

    @Test
    void theAdminApiAnswers400NamingFieldAndLanguage() {
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/cloudevents+json")
                .body("""
                        {"specversion": "1.0", "id": "x-texts", "source": "/ops", "type": "maintenance.scheduled",
                         "data": {"maintenance": {"id": "m-1", "title": {"es": "Mantencion", "en": "%s"},
                          "scheduledFor": "2030-01-01T10:00:00Z", "scheduledUntil": "2030-01-01T11:00:00Z"}}}"""
                        .formatted("t".repeat(201)))
                .post("/admin/v1/events")
                .then().statusCode(400)
                .body("status", is(400))
                .body("error", is("data.maintenance.title.en: is 201 characters, at most 200 allowed"));
    }
}
