package io.heraldo.integrations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.HeraldoServers;
import io.heraldo.TestKafka;
import io.heraldo.channel.webhook.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Alertmanager's webhook against the running service: alerts move components through the status events topic, a
 * resend changes nothing, the operators' webhooks hear of it and email does not, and only the integrations token
 * opens the door.
 */
@QuarkusTest
class AlertmanagerIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Jdbi jdbi;

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
    void aFiringCriticalAlertIsAMajorOutageUntilItResolvesAndAResendChangesNothing() throws Exception {
        String component = unique("ldap");
        String endpoint = register("/ops", component);
        OffsetDateTime started = now().minusMinutes(2);
        String firing = body(alert("firing", component, "critical", started, null, "fp-" + component,
                "LDAP no responde"));

        JsonPath first = post(firing).then().statusCode(202).extract().jsonPath();
        assertThat(first.getInt("published")).isEqualTo(1);
        assertThat(first.getList("ignored")).isEmpty();
        String eventId = first.getString("events[0].id");
        assertThat(first.getString("events[0].component")).isEqualTo(component);
        assertThat(first.getString("events[0].status")).isEqualTo("major_outage");
        awaitStatus(component, "major_outage");
        awaitRequests(component, 1);

        // Alertmanager sends the group again (repeat_interval, a retry): the same event, applied once
        JsonPath again = post(firing).then().statusCode(202).extract().jsonPath();
        assertThat(again.getString("events[0].id")).isEqualTo(eventId);

        OffsetDateTime ended = now().minusSeconds(30);
        JsonPath resolved = post(body(alert("resolved", component, "critical", started, ended, "fp-" + component,
                "LDAP no responde"))).then().statusCode(202).extract().jsonPath();
        assertThat(resolved.getString("events[0].status")).isEqualTo("operational");
        assertThat(resolved.getString("events[0].id")).isNotEqualTo(eventId);
        awaitStatus(component, "operational");

        // The resend was read before the resolution (one component, one partition), and who hears of an event is
        // decided in the transaction that applies it: had the resend been applied, its notification would be here.
        assertThat(count("select count(*) from notification where subject_id = :value", component)).isEqualTo(2);
        List<WebhookReceiver.Received> heard = awaitRequests(component, 2);
        await().atMost(WAIT).until(() -> deliveries(endpoint).getList("state").equals(List.of("sent", "sent")));
        // the first was heard before the resolution was even posted, so the order is known
        assertThat(heard).extracting(r -> r.json().at("/data/component_update/new_status").asText())
                .containsExactly("major_outage", "operational");
        assertThat(heard).extracting(r -> r.json().at("/data/component_update/old_status").asText())
                .containsExactly("operational", "major_outage");
        assertThat(heard).allSatisfy(r -> assertThat(r.verified()).as(r.verifyError()).isTrue());
        assertThat(receiver.about("/ops", component)).hasSize(2);
    }

    @Test
    void onlyTheOperatorsChannelsHearOfItAndTheAuditLogNamesAlertmanager() throws Exception {
        String component = unique("smtp");
        register("/ops", component);
        String eventId = post(body(alert("firing", component, "warning", now().minusMinutes(1), null, null,
                "Cola de correo creciendo"))).then().statusCode(202).extract().jsonPath().getString("events[0].id");
        awaitRequests(component, 1);

        // what went to Kafka: keyed by the component, from the integration, for the operators' channels only
        ConsumerRecord<String, byte[]> record = published(eventId);
        assertThat(record.key()).isEqualTo(component);
        JsonNode event = JSON.readTree(record.value());
        assertThat(event.get("source").asText()).isEqualTo("/integrations/alertmanager");
        assertThat(event.get("type").asText()).isEqualTo("component.status_changed");
        assertThat(event.at("/data/reason").asText()).isEqualTo("Cola de correo creciendo");
        List<String> notify = new ArrayList<>();
        event.at("/data/notify").forEach(channel -> notify.add(channel.asText()));
        assertThat(notify).contains("webhook").doesNotContain("email", "twitter", "mastodon", "bluesky");

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath counts = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                    .get("/admin/v1/notifications/" + eventId).then().statusCode(200).extract().jsonPath();
            assertThat(counts.getLong("webhook.sent")).isEqualTo(1);
            assertThat(counts.getLong("email.sent") + counts.getLong("email.pending")).isZero();
            assertThat(counts.getLong("twitter.sent") + counts.getLong("twitter.pending")).isZero();
        });

        await().atMost(WAIT).untilAsserted(() -> assertThat(given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .get("/admin/v1/audit?limit=1000").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("")).anySatisfy(entry -> assertThat(entry)
                        .containsEntry("actor", "alertmanager").containsEntry("target", eventId)
                        .containsEntry("path", "/integrations/alertmanager").containsEntry("status", 202)));
    }

    @Test
    void anOlderAlertArrivingLateOverridesNothing() {
        String component = unique("imap");
        String endpoint = register("/ops", component);
        OffsetDateTime started = now().minusMinutes(30);
        post(body(alert("firing", component, "critical", started, null, "a-" + component, "caído"))).then()
                .statusCode(202);
        post(body(alert("resolved", component, "critical", started, now().minusMinutes(10), "a-" + component,
                "caído"))).then().statusCode(202);
        awaitStatus(component, "operational");

        // another alert that fired before the resolution, delivered only now, then a warning from a minute ago
        String late = post(body(alert("firing", component, "critical", now().minusMinutes(20), null, "b-" + component,
                "viejo"))).then().statusCode(202).body("published", is(1)).extract().path("events[0].id");
        post(body(alert("firing", component, "warning", now().minusMinutes(1), null, "c-" + component, "lento")))
                .then().statusCode(202);
        awaitStatus(component, "degraded_performance");
        // read before the warning (one partition), applied, kept as history, and told to nobody
        assertThat(count("select count(*) from applied_event where event_id = :value", late)).isEqualTo(1);
        assertThat(count("select count(*) from notification where event_id = :value", late)).isZero();
        await().atMost(WAIT).until(() -> {
            List<String> states = deliveries(endpoint).getList("state");
            return states.size() == 3 && states.stream().allMatch("sent"::equals);
        });
        // webhooks of different changes may arrive in any order; what matters is that the late alert made none
        assertThat(awaitRequests(component, 3)).extracting(r -> r.json().at("/data/component_update/new_status")
                .asText()).containsExactlyInAnyOrder("major_outage", "operational", "degraded_performance");
    }

    @Test
    void alertsWithoutTheLabelOrWithAnUnknownSeverityAreIgnoredAndSaidSo() {
        String component = unique("web");
        post(body(alert("firing", component, "warning", now().minusMinutes(5), null, null, "lenta"))).then()
                .statusCode(202);
        awaitStatus(component, "degraded_performance");

        Map<String, Object> unlabelled = alert("firing", component, "critical", now(), null, null, "disco");
        @SuppressWarnings("unchecked")
        Map<String, String> labels = (Map<String, String>) unlabelled.get("labels");
        labels.remove("heraldo_component");
        JsonPath answer = post(body(unlabelled, alert("firing", component, "info", now(), null, null, "aviso")))
                .then().statusCode(202).extract().jsonPath();
        assertThat(answer.getInt("published")).isZero();
        assertThat(answer.getList("events")).isEmpty();
        assertThat(answer.getList("ignored.alert", Integer.class)).containsExactly(0, 1);
        assertThat(answer.getList("ignored.reason", String.class)).containsExactly("no heraldo_component label",
                "severity 'info' is not in heraldo.integrations.severity-map (critical, warning)");
        // nothing reached the topic: the first warning is the only event applied about the component
        assertThat(eventsAppliedBefore(component)).isEqualTo(1);
    }

    @Test
    void grafanasContactPointMovesComponentsToo() {
        String component = unique("dns");
        String grafana = """
                {"receiver": "heraldo", "status": "firing", "orgId": 1, "version": "1", "groupKey": "{}:{}",
                 "truncatedAlerts": 0, "title": "[FIRING:1]", "state": "alerting", "message": "**Firing**",
                 "externalURL": "http://grafana:3000/", "groupLabels": {}, "commonLabels": {}, "commonAnnotations": {},
                 "alerts": [{"status": "firing",
                   "labels": {"alertname": "DNS", "heraldo_component": "%s", "severity": "critical"},
                   "annotations": {"description": "Resolución de nombres fallando"},
                   "startsAt": "%s", "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "c6eadffa33fcdf37",
                   "silenceURL": "", "dashboardURL": "", "panelURL": "", "values": {"B": 1}}]}"""
                .formatted(component, now().minusMinutes(1));
        post(grafana).then().statusCode(202).body("events[0].status", is("major_outage"));
        awaitStatus(component, "major_outage");
    }

    @Test
    void aMalformedBodyIs400NamingTheField() {
        post("{\"version\": \"5\", \"alerts\": []}").then().statusCode(400)
                .body("error", is("version: '5' is not supported: Alertmanager's webhook version 4 (or Grafana's 1)"));
        String component = unique("x");
        Map<String, Object> bad = alert("firing", component, "critical", now(), null, null, "x");
        bad.put("startsAt", "ayer");
        post(body(alert("firing", component, "critical", now(), null, null, "x"), bad)).then().statusCode(400)
                .body("error", is("alerts[1].startsAt: 'ayer' is not an RFC 3339 timestamp"));
        post("no es json").then().statusCode(400).body("error", containsString("body: is not valid JSON"));
        // a body refused is refused whole: its valid first alert was not published either
        assertThat(eventsAppliedBefore(component)).isZero();
    }

    @Test
    void withoutTheIntegrationsTokenTheAnswerIs401() {
        String component = unique("nope");
        String body = body(alert("firing", component, "critical", now(), null, null, "x"));
        given().contentType("application/json").body(body).post("/integrations/alertmanager").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error", containsString("heraldo.integrations.token"));
        for (String authorization : List.of("Bearer wrong-token", "Bearer " + HeraldoServers.ADMIN_TOKEN,
                "Basic " + HeraldoServers.INTEGRATIONS_TOKEN, HeraldoServers.INTEGRATIONS_TOKEN)) {
            given().header("Authorization", authorization).contentType("application/json").body(body)
                    .post("/integrations/alertmanager").then().statusCode(401);
        }
        // nor does another spelling of the path get past the check
        for (String path : List.of("//integrations/alertmanager", "/integrations/./alertmanager",
                "/x/../integrations/alertmanager", "/integrations;a=b/alertmanager", "/%69ntegrations/alertmanager")) {
            given().urlEncodingEnabled(false).contentType("application/json").body(body).post(path).then()
                    .statusCode(401);
        }
        // the token opens nothing else
        given().auth().oauth2(HeraldoServers.INTEGRATIONS_TOKEN).get("/admin/v1/webhooks").then().statusCode(401);
        assertThat(eventsAppliedBefore(component)).isZero();
    }

    private long count(String query, String value) {
        return jdbi.withHandle(h -> h.createQuery(query).bind("value", value).mapTo(Long.class).one());
    }

    /**
     * How many events about the component were applied before one posted now: its events share a key, so a
     * partition, so whatever was published about it earlier is applied before this one.
     */
    private long eventsAppliedBefore(String component) {
        String barrier = post(body(alert("firing", component, "warning", now(), null, "barrier-" + component,
                "barrera"))).then().statusCode(202).body("published", is(1)).extract().path("events[0].id");
        await().atMost(WAIT).until(
                () -> count("select count(*) from applied_event where event_id = :value", barrier) == 1);
        return count("select count(*) from applied_event where subject = :value", component) - 1;
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static Response post(String body) {
        return given().auth().oauth2(HeraldoServers.INTEGRATIONS_TOKEN).contentType("application/json").body(body)
                .post("/integrations/alertmanager");
    }

    /** One alert as Alertmanager writes it; {@code fingerprint} null: none (the labels make one). */
    private static Map<String, Object> alert(String status, String component, String severity, OffsetDateTime startsAt,
            OffsetDateTime endsAt, String fingerprint, String summary) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "Probe");
        labels.put("heraldo_component", component);
        labels.put("severity", severity);
        labels.put("instance", "probe-" + UUID.randomUUID().toString().substring(0, 4));
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", summary));
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt == null ? "0001-01-01T00:00:00Z" : endsAt.toString());
        alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=up");
        if (fingerprint != null) {
            alert.put("fingerprint", fingerprint);
        }
        return alert;
    }

    @SafeVarargs
    private static String body(Map<String, Object>... alerts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", "{}:{heraldo_component=\"x\"}");
        body.put("truncatedAlerts", 0);
        body.put("status", alerts[0].get("status"));
        body.put("receiver", "heraldo");
        body.put("groupLabels", Map.of());
        body.put("commonLabels", Map.of());
        body.put("commonAnnotations", Map.of());
        body.put("externalURL", "http://alertmanager:9093");
        body.put("alerts", List.of(alerts));
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String register(String path, String component) {
        JsonPath created = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                .body(Map.of("url", receiver.url(path), "components", List.of(component)))
                .post("/admin/v1/webhooks").then().statusCode(201).extract().jsonPath();
        receiver.secret(path, created.getString("secret"));
        registered.add(created.getString("id"));
        return created.getString("id");
    }

    private static JsonPath deliveries(String endpoint) {
        return given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).get("/admin/v1/webhooks/" + endpoint + "/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The requests the receiver got about the component, in the order they came, once there are {@code count}. */
    private List<WebhookReceiver.Received> awaitRequests(String component, int count) {
        await().atMost(WAIT).until(() -> receiver.about("/ops", component).size() >= count);
        return receiver.about("/ops", component);
    }

    private static void awaitStatus(String component, String status) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(component)).isEqualTo(status));
    }

    private static String status(String component) {
        List<Map<String, Object>> components = given().get("/api/v2/components.json").then().statusCode(200)
                .extract().jsonPath().getList("components");
        return components.stream().filter(c -> component.equals(c.get("id"))).map(c -> (String) c.get("status"))
                .findFirst().orElse(null);
    }

    /** The record of an event on the status events topic. */
    private static ConsumerRecord<String, byte[]> published(String eventId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TestKafka.STATUS_EVENTS));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (new String(record.value(), StandardCharsets.UTF_8).contains("\"" + eventId + "\"")) {
                        found.add(record);
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
