package io.heraldo.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.InjectGreenMail;
import io.heraldo.ManagementPort;
import io.heraldo.TestKafka;
import io.heraldo.channel.twitter.InjectLocalTwitter;
import io.heraldo.channel.twitter.LocalTwitter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Liveness says only that the process works: a Kafka, SMTP or X outage must never make Kubernetes restart every
 * replica (a restart would not bring them back). Readiness tells those.
 */
@QuarkusTest
class HealthTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectGreenMail
    GreenMail greenMail;

    @InjectLocalTwitter
    LocalTwitter twitter;

    @Test
    void noLivenessCheckLooksAtKafkaTwitterOrMail() {
        JsonPath live = ManagementPort.given().get("/q/health/live").then().statusCode(200).body("status", is("UP"))
                .extract().jsonPath();
        List<String> names = live.getList("checks.name", String.class);
        for (String name : names) {
            assertThat(name.toLowerCase(Locale.ROOT)).as("liveness check " + name)
                    .doesNotContain("kafka").doesNotContain("messaging").doesNotContain("twitter")
                    .doesNotContain("mastodon").doesNotContain("bluesky")
                    .doesNotContain("smtp").doesNotContain("mail");
        }
        // Readiness still watches the broker.
        List<String> ready = ManagementPort.given().get("/q/health/ready").then().extract().jsonPath()
                .getList("checks.name", String.class);
        assertThat(ready).contains("SmallRye Reactive Messaging - readiness check", "Twitter channel", "Mastodon channel",
                "Bluesky channel");
    }

    @Test
    void readinessProbesTheFanoutsOwnKafkaClientsWithTheirWholeConfiguration() {
        String check = "checks.find { it.name == 'Kafka clients' }";
        await().atMost(WAIT).untilAsserted(() -> ManagementPort.given().get("/q/health/ready").then()
                .body(check + ".status", is("UP"))
                .body(check + ".data.topics", containsString("heraldo-deliveries.email"))
                .body(check + ".data.topics", containsString("status-events"))
                .body(check + ".data.bootstrap", is(TestKafka.bootstrapServers()))
                .body(check + ".data.security", is("PLAINTEXT")));
        // Liveness never looks at Kafka: a restart would not bring a broker back.
        assertThat(ManagementPort.given().get("/q/health/live").then().extract().jsonPath().getList("checks.name", String.class))
                .doesNotContain("Kafka clients");
    }

    @Test
    void livenessStaysUpWhileXRefusesTheAccountAndSmtpIsDownButReadinessTells() {
        String incident = "inc-health-" + UUID.randomUUID().toString().substring(0, 8);
        twitter.revokeCredentials();
        greenMail.stop();
        try {
            // A tweet refused for its credentials pauses the channel: wellness goes DOWN; readiness and liveness
            // must not, or every replica would leave its Service and the status page would go dark because of X.
            TestKafka.publishStructured(incident, """
                    {"specversion": "1.0", "id": "%s-1", "source": "/test", "type": "incident.opened",
                     "data": {"incident": {"id": "%s", "title": "Health %s", "status": "investigating", "impact": "minor",
                              "components": {}},
                              "update": {"body": "Checking health."}, "notify": ["twitter"]}}"""
                    .formatted(incident, incident, incident));
            await().atMost(WAIT).untilAsserted(() -> ManagementPort.given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'Twitter channel' }.status", is("DOWN")));
            ManagementPort.given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'Twitter channel' }.data.paused", is(true));
            ManagementPort.given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
            // The tweet waits for the credentials: it is in the channel's backlog meanwhile.
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    MetricsTest.value(MetricsTest.scrape(), "heraldo_fanout_backlog{channel=\"twitter\"}"))
                    .isGreaterThanOrEqualTo(1));
        } finally {
            twitter.restoreCredentials();
            greenMail.start();
        }
        // Everything back as it was for the tests that follow: the paused channel probes again and resumes.
        await().atMost(WAIT).until(() -> !twitter.tweetsContaining(incident).isEmpty());
        await().atMost(WAIT).untilAsserted(() -> ManagementPort.given().get("/q/health/well").then().statusCode(200));
    }
}
