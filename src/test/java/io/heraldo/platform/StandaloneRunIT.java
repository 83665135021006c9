package io.heraldo.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoProcess;
import io.heraldo.StoryEvents;

/**
 * The packaged jar on its embedded defaults: it starts a real broker and PostgreSQL in its data directory, and what
 * it applied (state and event ids) is still there after a restart.
 */
class StandaloneRunIT {

    private static final String TOKEN = "it-token";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void stateAndIdempotenceSurviveARestartOnTheEmbeddedServers() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "standalone-data-");
        Map<String, String> settings = Map.of(
                "heraldo.data-dir", dataDir.toString(),
                "heraldo.embedded.kafka-port", Integer.toString(HeraldoProcess.freePort()),
                "heraldo.admin.token", TOKEN,
                "heraldo.maintenance.clock-interval", "1s");

        try (HeraldoProcess heraldo = HeraldoProcess.start("standalone-first", settings).awaitReady()) {
            // Health, metrics and the OpenAPI document on the management port only.
            for (String path : new String[] { "/q/health/ready", "/q/metrics", "/q/openapi" }) {
                given().baseUri(heraldo.baseUrl()).get(path).then().statusCode(404);
                given().baseUri(heraldo.managementUrl()).get(path).then().statusCode(200);
            }
            for (String name : StoryEvents.ALL) {
                given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json")
                        .body(StoryEvents.bytes(name)).post("/admin/v1/events").then().statusCode(202);
            }
            await().atMost(WAIT).untilAsserted(() -> given().baseUri(heraldo.baseUrl()).get("/api/v2/incidents.json").then()
                    .body("incidents.id", contains("inc-virt-host", "inc-ldap-auth"))
                    .body("incidents.status", everyItem(is("resolved")))
                    .body("incidents[1].incident_updates", hasSize(4)));
            heraldo.stop();
        }
        assertThat(dataDir.resolve("kafka/meta.properties")).exists();
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();

        try (HeraldoProcess heraldo = HeraldoProcess.start("standalone-second", settings).awaitReady()) {
            given().baseUri(heraldo.baseUrl()).get("/api/v2/incidents.json").then()
                    .body("incidents.id", contains("inc-virt-host", "inc-ldap-auth"))
                    .body("incidents[1].incident_updates", hasSize(4));
            // The same event ids again change nothing; a new event after them is applied.
            for (String name : StoryEvents.ALL.subList(8, 10)) {
                given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json")
                        .body(StoryEvents.bytes(name)).post("/admin/v1/events").then().statusCode(202);
            }
            given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json")
                    .body("""
                            {"specversion": "1.0", "id": "after-restart", "source": "/it", "type": "incident.updated",
                             "subject": "inc-ldap-auth", "time": "2015-02-11T09:00:00-03:00",
                             "data": {"incident": {"id": "inc-ldap-auth", "status": "postmortem"},
                                      "update": {"body": "Informe publicado."}}}""")
                    .post("/admin/v1/events").then().statusCode(202);
            await().atMost(WAIT).untilAsserted(() -> given().baseUri(heraldo.baseUrl()).get("/api/v2/incidents.json").then()
                    .body("incidents.find { it.id == 'inc-ldap-auth' }.status", is("postmortem"))
                    .body("incidents.find { it.id == 'inc-ldap-auth' }.incident_updates.status",
                            contains("postmortem", "resolved", "monitoring", "identified", "investigating")));
            given().baseUri(heraldo.baseUrl()).get("/api/v2/summary.json").then()
                    .body("status.indicator", is("none"))
                    .body("components.id", hasItem("ldap"));
        }
    }

    @Test
    void withoutEmbeddedKafkaAndWithoutBootstrapServersItStopsWithOneSentence() throws Exception {
        HeraldoProcess heraldo = HeraldoProcess.start("missing-kafka", Map.of(
                "heraldo.embedded.kafka", "false",
                "heraldo.data-dir", Files.createTempDirectory(Path.of("target"), "missing-kafka-").toString()));
        assertThat(heraldo.awaitExit(WAIT)).isNotZero();
        assertThat(heraldo.output()).contains("Heraldo cannot start: set kafka.bootstrap.servers (environment variable "
                + "KAFKA_BOOTSTRAP_SERVERS) to your server, or set heraldo.embedded.kafka=true to use the embedded one.");
    }

    @Test
    void withoutEmbeddedPostgresAndWithoutAJdbcUrlItStopsWithOneSentence() throws Exception {
        HeraldoProcess heraldo = HeraldoProcess.start("missing-database", Map.of(
                "heraldo.embedded.postgres", "false",
                "heraldo.embedded.kafka", "false",
                "kafka.bootstrap.servers", "localhost:1",
                "heraldo.data-dir", Files.createTempDirectory(Path.of("target"), "missing-db-").toString()));
        assertThat(heraldo.awaitExit(WAIT)).isNotZero();
        assertThat(heraldo.output()).contains("Heraldo cannot start: set quarkus.datasource.jdbc.url");
    }
}
