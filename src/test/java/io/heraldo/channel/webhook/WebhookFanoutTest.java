package io.heraldo.channel.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * From a Kafka event to real HTTP receivers: endpoints hear what their filters let through, signed so the reference
 * Standard Webhooks library verifies every request; failures are retried with the same webhook-id, 410 disables,
 * replay sends the same delivery again.
 */
@QuarkusTest
class WebhookFanoutTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private WebhookReceiver receiver;
    private final List<String> registered = new ArrayList<>();

    @BeforeEach
    void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void cleanUp() {
        registered.forEach(id -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).delete("/admin/v1/webhooks/" + id));
        receiver.close();
    }

    @Test
    void anIncidentReachesTheEndpointsWhoseFiltersMatchAndOnlyThose() {
        String component = unique("ldap");
        String other = unique("other");
        String byTypeAndComponent = register("/typed", List.of("incident.opened"), List.of(component), null);
        register("/resolved-only", List.of("incident.resolved"), List.of(component), null);
        register("/other-component", List.of(), List.of(other), null);
        register("/everything-of-it", List.of(), List.of(component, other), null);

        String incident = "inc-" + component;
        TestKafka.publishStructured(incident, incidentEvent(incident + "-1", "incident.opened", incident, "investigating",
                component, "major_outage", "Cerca del 70% de los usuarios no puede iniciar sesión."));
        WebhookReceiver.Received typed = awaitRequests("/typed", incident, 1).get(0);
        awaitRequests("/everything-of-it", incident, 1);

        assertThat(typed.verified()).as(typed.verifyError()).isTrue();
        assertThat(typed.webhookId()).startsWith("dlv_");
        assertThat(typed.host()).isEqualTo("127.0.0.1:" + typed.host().split(":")[1]);
        JsonPath json = JsonPath.from(typed.body());
        assertThat(json.getString("type")).isEqualTo("incident.opened");
        assertThat(json.getString("timestamp")).endsWith("Z");
        assertThat(json.getString("data.page.name")).isEqualTo(HeraldoServers.PAGE_NAME);
        assertThat(json.getString("data.incident.id")).isEqualTo(incident);
        assertThat(json.getString("data.incident.status")).isEqualTo("investigating");
        assertThat(json.getString("data.incident.impact")).isEqualTo("critical");
        assertThat(json.getString("data.incident.incident_updates[0].body")).startsWith("Cerca del 70%");
        assertThat(json.getString("data.incident.incident_updates[0].affected_components[0].new_status"))
                .isEqualTo("major_outage");
        assertThat(json.getString("data.incident.components[0].id")).isEqualTo(component);

        // A bare component change: the endpoint filtered to incident.opened does not hear it, the unfiltered one does.
        TestKafka.publishStructured(component, """
                {"specversion": "1.0", "id": "%1$s-c1", "source": "/test", "type": "component.status_changed",
                 "data": {"component": {"id": "%1$s", "name": "LDAP", "status": "degraded_performance"}, "reason": "lento"}}"""
                .formatted(component));
        WebhookReceiver.Received change = await().atMost(WAIT).until(
                () -> receiver.about("/everything-of-it", component).stream()
                        .filter(r -> r.type().equals("component.status_changed")).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(change.verified()).isTrue();
        JsonPath changed = JsonPath.from(change.body());
        assertThat(changed.getString("data.component.id")).isEqualTo(component);
        assertThat(changed.getString("data.component_update.new_status")).isEqualTo("degraded_performance");
        assertThat(changed.getString("data.component_update.old_status")).isEqualTo("major_outage");

        // Everything planned for this event is delivered: the filtered-out endpoints got nothing.
        await().atMost(WAIT).until(() -> receiver.about("/typed", incident).size() == 1
                && given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).get("/admin/v1/webhooks/" + byTypeAndComponent
                        + "/deliveries").jsonPath().getList("state").contains("sent"));
        assertThat(receiver.about("/resolved-only", incident)).isEmpty();
        assertThat(receiver.about("/other-component", incident)).isEmpty();
        assertThat(receiver.about("/typed", component).stream().filter(r -> r.type().startsWith("component"))).isEmpty();
        assertThat(receiver.received()).allSatisfy(r -> assertThat(r.verified()).as(r.verifyError()).isTrue());
    }

    @Test
    void aFailingReceiverIsRetriedWithTheSameWebhookIdUntilItRecovers() {
        String component = unique("retry");
        String id = register("/flaky", List.of(), List.of(component), null);
        receiver.script("/flaky", new WebhookReceiver.Answer(500, Map.of(), "boom"),
                new WebhookReceiver.Answer(429, Map.of("Retry-After", "1"), "slow down"), WebhookReceiver.Answer.of(200));
        String incident = "inc-" + component;
        TestKafka.publishStructured(incident, incidentEvent(incident + "-1", "incident.opened", incident, "investigating",
                component, "partial_outage", "Lento."));
        List<WebhookReceiver.Received> attempts = awaitRequests("/flaky", incident, 3);
        assertThat(attempts).extracting(WebhookReceiver.Received::webhookId).containsOnly(attempts.get(0).webhookId());
        assertThat(attempts).allSatisfy(r -> assertThat(r.verified()).as(r.verifyError()).isTrue());

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath deliveries = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                    .get("/admin/v1/webhooks/" + id + "/deliveries").then().statusCode(200).extract().jsonPath();
            assertThat(deliveries.getString("[0].id")).isEqualTo(attempts.get(0).webhookId());
            assertThat(deliveries.getString("[0].state")).isEqualTo("sent");
            assertThat(deliveries.getList("[0].attemptLog.statusCode", Integer.class)).containsExactly(500, 429, 200);
            assertThat(deliveries.getList("[0].attemptLog.outcome")).containsExactly("retrying", "retrying", "sent");
            assertThat(deliveries.getString("[0].attemptLog[0].error")).contains("500").contains("boom");
            assertThat(deliveries.getList("[0].attemptLog.durationMs")).doesNotContainNull();
        });
    }

    @Test
    void aRetryAfterOfZeroDoesNotHurryTheRetriesPastTheSchedule() {
        String component = unique("hurry");
        String id = register("/hurry", List.of(), List.of(component), null);
        WebhookReceiver.Answer busy = new WebhookReceiver.Answer(503, Map.of("Retry-After", "0"), "busy");
        receiver.script("/hurry", busy, busy, busy, busy, busy);
        String incident = "inc-" + component;
        TestKafka.publishStructured(incident, incidentEvent(incident + "-1", "incident.opened", incident, "investigating",
                component, "major_outage", "Ocupado."));

        // heraldo.webhook.retry-schedule=1s,2s,3s in the tests: 4 attempts, the last one dead
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .get("/admin/v1/webhooks/" + id + "/deliveries").jsonPath().getString("[0].state")).isEqualTo("dead"));
        List<WebhookReceiver.Received> attempts = receiver.about("/hurry", incident);
        assertThat(attempts).hasSize(4);
        List<Duration> schedule = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
        for (int i = 0; i < schedule.size(); i++) {
            Duration waited = Duration.ofNanos(attempts.get(i + 1).arrivedAt() - attempts.get(i).arrivedAt());
            // the schedule's wait less its 20% of jitter, whatever Retry-After said
            assertThat(waited).as("wait before attempt " + (i + 2)).isGreaterThanOrEqualTo(
                    Duration.ofNanos(schedule.get(i).toNanos() * 8 / 10));
        }
    }

    @Test
    void aRedirectIsNotFollowedButRetried() {
        String component = unique("redirect");
        String id = register("/moved", List.of(), List.of(component), null);
        receiver.script("/moved", new WebhookReceiver.Answer(302, Map.of("Location", receiver.url("/elsewhere")), ""));
        String incident = "inc-" + component;
        TestKafka.publishStructured(incident, incidentEvent(incident + "-1", "incident.opened", incident, "investigating",
                component, "major_outage", "Movido."));
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .get("/admin/v1/webhooks/" + id + "/deliveries").jsonPath().getList("[0].attemptLog.statusCode", Integer.class))
                .containsExactly(302, 200));
        assertThat(receiver.received()).noneMatch(r -> r.path().equals("/elsewhere"));
    }

    @Test
    void goneDisablesTheEndpointAtOnce() {
        String component = unique("gone");
        String gone = register("/gone", List.of(), List.of(component), null);
        register("/witness", List.of(), List.of(component), null);
        receiver.script("/gone", WebhookReceiver.Answer.of(410));
        String incident = "inc-" + component;
        TestKafka.publishStructured(incident, incidentEvent(incident + "-1", "incident.opened", incident, "investigating",
                component, "major_outage", "Caído."));
        awaitRequests("/gone", incident, 1);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .get("/admin/v1/webhooks/" + gone).then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.is(false))
                .body("disabledReason", org.hamcrest.Matchers.containsString("410")));

        TestKafka.publishStructured(incident, incidentEvent(incident + "-2", "incident.updated", incident, "identified",
                component, "major_outage", "Encontrado."));
        await().atMost(WAIT).until(() -> receiver.about("/witness", incident).stream()
                .anyMatch(r -> r.type().equals("incident.updated")));
        assertThat(receiver.about("/gone", incident)).hasSize(1);
        JsonPath deliveries = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .get("/admin/v1/webhooks/" + gone + "/deliveries").jsonPath();
        assertThat(deliveries.getList("state")).containsExactly("failed");
        assertThat(deliveries.getList("[0].attemptLog.statusCode", Integer.class)).containsExactly(410);
    }

    @Test
    void replaySendsTheSameDeliveryAgain() {
        String component = unique("replay");
        String id = register("/replayed", List.of(), List.of(component), null);
        String incident = "inc-" + component;
        TestKafka.publishStructured(incident, incidentEvent(incident + "-1", "incident.opened", incident, "investigating",
                component, "minor_outage".replace("minor_outage", "partial_outage"), "Una vez."));
        WebhookReceiver.Received first = awaitRequests("/replayed", incident, 1).get(0);
        await().atMost(WAIT).until(() -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .get("/admin/v1/webhooks/" + id + "/deliveries").jsonPath().getList("state").contains("sent"));

        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .post("/admin/v1/webhooks/" + id + "/deliveries/" + first.webhookId() + "/replay").then().statusCode(202);
        List<WebhookReceiver.Received> both = awaitRequests("/replayed", incident, 2);
        assertThat(both.get(1).webhookId()).isEqualTo(first.webhookId());
        assertThat(both.get(1).body()).isEqualTo(first.body());
        assertThat(both.get(1).verified()).as(both.get(1).verifyError()).isTrue();

        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .post("/admin/v1/webhooks/" + id + "/deliveries/dlv_unknown/replay").then().statusCode(404);
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .post("/admin/v1/webhooks/ep_unknown/deliveries/" + first.webhookId() + "/replay").then().statusCode(404);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private String register(String path, List<String> events, List<String> components, String secret) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("url", receiver.url(path));
        body.put("events", events);
        body.put("components", components);
        if (secret != null) {
            body.put("secret", secret);
        }
        JsonPath created = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/json").body(body)
                .post("/admin/v1/webhooks").then().statusCode(201).extract().jsonPath();
        receiver.secret(path, created.getString("secret"));
        registered.add(created.getString("id"));
        return created.getString("id");
    }

    private List<WebhookReceiver.Received> awaitRequests(String path, String subject, int count) {
        await().atMost(WAIT).until(() -> receiver.about(path, subject).size() >= count);
        return receiver.about(path, subject);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String incidentEvent(String id, String type, String incident, String status, String component,
            String componentStatus, String body) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "%s",
                 "data": {"incident": {"id": "%s", "title": "Problemas de validación de usuarios", "status": "%s",
                          "impact": "critical", "components": {"%s": "%s"}},
                          "update": {"body": "%s"}}}""".formatted(id, type, incident, status, component, componentStatus, body);
    }
}
