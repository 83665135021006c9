package io.heraldo.fanout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.heraldo.HeraldoProcess;
import io.heraldo.bench.SmtpSink;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;

/**
 * Two Heraldo processes against one broker and one database share the fan-out of an incident to 20,000 subscribers.
 * Each process has an SMTP server of its own, so the mails each one sent are counted apart. While both live, every
 * subscriber gets exactly one mail and both send some; when one is killed with SIGKILL midway through the next
 * incident, the other finishes it within 30 seconds of the kill, and the only duplicates are the killed one's
 * in-flight window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralReplicasIT {

    private static final int SUBSCRIBERS = 20_000;
    private static final String DOMAIN = "replicas.test";
    private static final int RECORD_BATCH = 50;
    private static final int PAGE = 500;
    private static final int WORKERS = 2;
    private static final int CONNECTIONS = 8;
    /**
     * What the killed process may have sent but not recorded: per worker, fewer outcomes than one record batch, plus
     * the channel's sends in flight (twice its connections).
     */
    private static final int IN_FLIGHT_BOUND = RECORD_BATCH * WORKERS + 2 * CONNECTIONS;
    /** The goal: after a replica is killed, every subscriber has the mail within this. */
    private static final Duration FAILOVER_GOAL = Duration.ofSeconds(30);
    private static final String TOKEN = "replicas-token";
    private static final Duration FANOUT = Duration.ofSeconds(180);

    private Path dir;
    private EmbeddedKafka kafka;
    private EmbeddedDatabase database;
    private SmtpSink sinkOfA;
    private SmtpSink sinkOfB;
    private HeraldoProcess a;
    private HeraldoProcess b;

    @BeforeAll
    void startServersAndTwoReplicas() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "several-replicas-");
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 6);
        database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        // A slow relay (4 ms a message): the fan-out lasts long enough to be killed midway.
        sinkOfA = new SmtpSink(true, 4);
        sinkOfB = new SmtpSink(true, 4);
        a = HeraldoProcess.start("replica-a", settings(sinkOfA));
        b = HeraldoProcess.start("replica-b", settings(sinkOfB));
        a.awaitReady();
        b.awaitReady();

        String csv = "email,locale,components\n" + IntStream.rangeClosed(1, SUBSCRIBERS)
                .mapToObj(i -> "user" + i + "@" + DOMAIN + "," + (i % 2 == 0 ? "es" : "en") + ",")
                .collect(Collectors.joining("\n"));
        given().baseUri(a.baseUrl()).auth().oauth2(TOKEN).contentType("text/csv").body(csv)
                .post("/admin/v1/subscribers/import").then().statusCode(200).body("imported", is(SUBSCRIBERS));
    }

    private Map<String, String> settings(SmtpSink sink) {
        return HeraldoProcess.externalServers(kafka, database, Map.ofEntries(
                Map.entry("heraldo.admin.token", TOKEN),
                Map.entry("heraldo.email.enabled", "true"),
                Map.entry("heraldo.email.from", "Estado <estado@" + DOMAIN + ">"),
                Map.entry("heraldo.email.smtp-host", "127.0.0.1"),
                Map.entry("heraldo.email.smtp-port", Integer.toString(sink.port())),
                Map.entry("heraldo.email.start-tls", "DISABLED"),
                Map.entry("heraldo.email.pool-size", Integer.toString(CONNECTIONS)),
                Map.entry("heraldo.fanout.record-batch", Integer.toString(RECORD_BATCH)),
                Map.entry("heraldo.fanout.workers-per-channel", Integer.toString(WORKERS)),
                // What the survivor waits for: the dead consumers' session, the dead planner's lease and the dead
                // sender's page leases, all at their defaults (10 s, 30 s, 15 s).
                Map.entry("heraldo.fanout.sweep-interval", "500ms")));
    }

    @AfterAll
    void stopEverything() throws Exception {
        // Closed last to first; a resource that never started is null and skipped.
        try (EmbeddedKafka broker = kafka; EmbeddedDatabase postgres = database; SmtpSink one = sinkOfA;
                SmtpSink other = sinkOfB) {
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
        }
    }

    @Test
    @Order(1)
    void twoLiveReplicasShareTheFanoutAndMailEverySubscriberOnce() {
        long started = System.nanoTime();
        publishIncident("replicas-a");

        awaitAllSent(a, "replicas-a");
        Map<String, Long> perRecipient = merged(sinkOfA.perRecipient(), sinkOfB.perRecipient());
        System.out.printf("SeveralReplicasIT (both live): %d mails in %.1f s, %d by A and %d by B%n",
                sinkOfA.messages() + sinkOfB.messages(), (System.nanoTime() - started) / 1e9, sinkOfA.messages(),
                sinkOfB.messages());

        assertThat(perRecipient).hasSize(SUBSCRIBERS);
        assertThat(perRecipient.values()).as("mails per subscriber").allMatch(n -> n == 1);
        assertThat(sinkOfA.messages()).as("mails sent by A").isPositive();
        assertThat(sinkOfB.messages()).as("mails sent by B").isPositive();
    }

    @Test
    @Order(2)
    void theSurvivorOfAKillFinishesTheFanoutWithDuplicatesOnlyInTheInFlightWindow() throws Exception {
        Map<String, Long> before = merged(sinkOfA.perRecipient(), sinkOfB.perRecipient());
        long beforeA = sinkOfA.messages();
        long beforeB = sinkOfB.messages();
        long started = System.nanoTime();
        publishIncident("replicas-b");

        // Midway, and with B in the middle of a page: its page leases, partitions and perhaps the plan are left behind.
        await().atMost(FANOUT).pollInterval(Duration.ofMillis(20)).until(() -> sinkOfB.messages() - beforeB >= 500
                && (sinkOfB.messages() - beforeB) % PAGE != 0
                && sinkOfA.messages() - beforeA + sinkOfB.messages() - beforeB >= 12_000);
        b.kill();
        long atKill = sinkOfA.messages() - beforeA + sinkOfB.messages() - beforeB;
        long killedAfter = System.nanoTime();
        assertThat(atKill).as("killed midway").isLessThan(SUBSCRIBERS);

        awaitAllSent(a, "replicas-b");
        Duration afterKill = Duration.ofNanos(System.nanoTime() - killedAfter);
        Map<String, Long> now = merged(sinkOfA.perRecipient(), sinkOfB.perRecipient());
        Map<String, Long> perRecipient = new HashMap<>();
        now.forEach((address, count) -> {
            long delta = count - before.getOrDefault(address, 0L);
            if (delta > 0) {
                perRecipient.put(address, delta);
            }
        });
        long duplicates = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
        System.out.printf("SeveralReplicasIT (B killed): killed after %d of %d mails (B had sent %d); A finished "
                + "%.1f s later, %.1f s in all; %d duplicates (bound %d)%n", atKill, SUBSCRIBERS,
                sinkOfB.messages() - beforeB, afterKill.toMillis() / 1e3, (System.nanoTime() - started) / 1e9,
                duplicates, IN_FLIGHT_BOUND);

        assertThat(perRecipient).as("subscribers mailed").hasSize(SUBSCRIBERS);
        assertThat(duplicates).as("mails sent twice").isLessThanOrEqualTo(IN_FLIGHT_BOUND);
        assertThat(perRecipient.values()).allMatch(n -> n <= 2);
        assertThat(afterKill).as("every subscriber mailed after the kill within").isLessThanOrEqualTo(FAILOVER_GOAL);
    }

    private void publishIncident(String id) {
        String event = """
                {"specversion": "1.0", "id": "%1$s", "source": "/ops/console", "type": "incident.opened",
                 "subject": "inc-%1$s", "time": "2026-11-24T12:00:00Z", "datacontenttype": "application/json",
                 "data": {"incident": {"id": "inc-%1$s", "title": "Correo lento %1$s", "status": "investigating",
                                       "impact": "minor", "components": {"smtp": "degraded_performance"}},
                          "update": {"body": "Los correos tardan en llegar. Estamos investigando."}}}
                """.formatted(id);
        given().baseUri(a.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json").body(event)
                .post("/admin/v1/events").then().statusCode(202);
    }

    /** Every delivery of the incident recorded as sent: each mail reached a sink before its outcome was recorded. */
    private static void awaitAllSent(HeraldoProcess replica, String eventId) {
        await().atMost(FANOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                .baseUri(replica.baseUrl()).auth().oauth2(TOKEN).get("/admin/v1/notifications/" + eventId).then()
                .statusCode(200)
                .body("email.sent", is(SUBSCRIBERS))
                .body("email.pending", is(0))
                .body("email.failed", is(0)));
    }

    private static Map<String, Long> merged(Map<String, Long> one, Map<String, Long> other) {
        Map<String, Long> merged = new HashMap<>(one);
        other.forEach((address, count) -> merged.merge(address, count, Long::sum));
        return merged;
    }
}
