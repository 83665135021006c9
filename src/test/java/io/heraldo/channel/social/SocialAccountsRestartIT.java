package io.heraldo.channel.social;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoProcess;
import io.heraldo.channel.bluesky.LocalBluesky;
import io.heraldo.channel.mastodon.LocalMastodon;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;

/**
 * The packaged jar posting one incident to Mastodon and Bluesky across a restart: killed (SIGKILL) while its second
 * update waits for a retry and the third waits for the second, the next process posts the second, then the third,
 * continuing the thread from the post ids the first process stored. Nothing is posted twice, and each run opens one
 * Bluesky session.
 */
class SocialAccountsRestartIT {

    private static final String TOKEN = "restart-token";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String INCIDENT = "inc-restart";
    private static final String LINK = "http://localhost:8080/incidents/" + INCIDENT;

    @Test
    void aThreadContinuesAcrossAKillWithARetryPending() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "social-restart-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 3);
                EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
                LocalMastodon mastodon = LocalMastodon.start(500);
                LocalBluesky bluesky = LocalBluesky.start()) {
            Map<String, String> settings = HeraldoProcess.externalServers(kafka, database, Map.ofEntries(
                    Map.entry("heraldo.admin.token", TOKEN),
                    Map.entry("heraldo.mastodon.enabled", "true"),
                    Map.entry("heraldo.mastodon.instance-url", mastodon.baseUrl()),
                    Map.entry("heraldo.mastodon.access-token", LocalMastodon.TOKEN),
                    Map.entry("heraldo.bluesky.enabled", "true"),
                    Map.entry("heraldo.bluesky.service-url", bluesky.baseUrl()),
                    Map.entry("heraldo.bluesky.identifier", LocalBluesky.IDENTIFIER),
                    Map.entry("heraldo.bluesky.app-password", LocalBluesky.APP_PASSWORD)));

            // The second update is refused once by both services; the process is killed while it waits to retry.
            mastodon.answerOnce(text -> text.startsWith("Identificado"), 503, "{\"error\":\"Service Unavailable\"}",
                    Map.of());
            bluesky.answerOnce(text -> text.startsWith("Identificado"), 502,
                    "{\"error\":\"UpstreamFailure\",\"message\":\"Upstream Failure\"}", Map.of());
            HeraldoProcess first = HeraldoProcess.start("social-restart-first", settings).awaitReady();
            try {
                publish(first, 1, "incident.opened", "investigating", "Lo estamos revisando.");
                awaitSent(first, 1);
                publish(first, 2, "incident.updated", "identified", "Encontramos la causa.");
                publish(first, 3, "incident.updated", "monitoring", "Aplicamos una corrección.");
                await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                        .until(() -> mastodon.scriptedLeft() == 0 && bluesky.scriptedLeft() == 0);
            } finally {
                first.kill();
            }

            try (HeraldoProcess second = HeraldoProcess.start("social-restart-second", settings).awaitReady()) {
                awaitSent(second, 3);

                List<LocalMastodon.Status> statuses = mastodon.statusesContaining(LINK);
                assertThat(statuses).extracting(s -> s.text().substring(0, s.text().indexOf(':')))
                        .containsExactly("Investigando", "Identificado", "En observación");
                assertThat(statuses.get(1).inReplyToId()).isEqualTo(statuses.get(0).id());
                assertThat(statuses.get(2).inReplyToId()).isEqualTo(statuses.get(1).id());

                List<LocalBluesky.Post> posts = bluesky.postsContaining(LINK);
                assertThat(posts).extracting(p -> p.text().substring(0, p.text().indexOf(':')))
                        .containsExactly("Investigando", "Identificado", "En observación");
                assertThat(posts.get(1).rootUri()).isEqualTo(posts.get(0).uri());
                assertThat(posts.get(1).parentUri()).isEqualTo(posts.get(0).uri());
                assertThat(posts.get(2).rootUri()).isEqualTo(posts.get(0).uri());
                assertThat(posts.get(2).parentUri()).isEqualTo(posts.get(1).uri());
                assertThat(bluesky.sessionsCreated()).as("one session per run, never one per post").isEqualTo(2);
                assertThat(mastodon.malformed()).isEmpty();
                assertThat(bluesky.malformed()).isEmpty();
                second.stop();
            }
        }
    }

    private static void publish(HeraldoProcess heraldo, int n, String type, String status, String body) {
        given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json")
                .body("""
                        {"specversion": "1.0", "id": "%s-%d", "source": "/test", "type": "%s",
                         "data": {"incident": {"id": "%s", "title": "Caída de LDAP", "status": "%s", "impact": "major",
                                  "components": {}},
                                  "update": {"body": "%s"}}}""".formatted(INCIDENT, n, type, INCIDENT, status, body)
                        .getBytes(StandardCharsets.UTF_8))
                .post("/admin/v1/events").then().log().ifValidationFails().statusCode(202);
    }

    private static void awaitSent(HeraldoProcess heraldo, int n) {
        await().atMost(WAIT).untilAsserted(() -> given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN)
                .get("/admin/v1/notifications/" + INCIDENT + "-" + n).then().statusCode(200)
                .body("mastodon.sent", is(1)).body("bluesky.sent", is(1)));
    }
}
