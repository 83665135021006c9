package io.heraldo.fanout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.heraldo.ConfirmedReaders;
import io.heraldo.HeraldoProcess;
import io.heraldo.bench.SmtpSink;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;

/**
 * Heraldo stopped with SIGTERM in the middle of a fan-out of 3,000 mails, restarted, then killed with SIGKILL: the
 * stop leaves nothing in flight; after the next restart every subscriber has its mail within a minute of the kill,
 * and the only duplicates are the sends not yet recorded at the kill — per worker fewer than one record batch, plus
 * the channel's sends in flight.
 */
class FanoutCrashIT {

    private static final int SUBSCRIBERS = 3_000;
    private static final int RECORD_BATCH = 50;
    private static final int WORKERS = 2;
    private static final int CONNECTIONS = 4;
    /** Sent but not recorded when the replica dies: a record batch per worker, and the sends in flight. */
    private static final int IN_FLIGHT_BOUND = RECORD_BATCH * WORKERS + 2 * CONNECTIONS;
    /** The goal: a single instance killed and started again has finished within this of the kill. */
    private static final Duration RESTART_GOAL = Duration.ofSeconds(60);
    private static final String TOKEN = "crash-token";

    @Test
    void aStoppedThenKilledFanoutEndsWithEverySubscriberMailedOnceOrWithinTheInFlightBound() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "fanout-crash-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 6);
                EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
                SmtpSink sink = new SmtpSink(true, 4)) {
            Map<String, String> heraldoSettings = new HashMap<>(sink.heraldoSettings("Estado <estado@crash.test>"));
            heraldoSettings.putAll(Map.ofEntries(
                    Map.entry("heraldo.admin.token", TOKEN),
                    Map.entry("heraldo.email.pool-size", Integer.toString(CONNECTIONS)),
                    Map.entry("heraldo.fanout.record-batch", Integer.toString(RECORD_BATCH)),
                    Map.entry("heraldo.fanout.workers-per-channel", Integer.toString(WORKERS)),
                    Map.entry("heraldo.fanout.page-size", "250")));
            Map<String, String> settings = HeraldoProcess.externalServers(kafka, database, heraldoSettings);

            HeraldoProcess first = HeraldoProcess.start("fanout-crash-first", settings).awaitReady();
            ConfirmedReaders.insert(database, "user", "crash.test", SUBSCRIBERS, true);
            given().baseUri(first.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json")
                    .body(io.heraldo.StoryEvents.bytes("09-incident-ldap-opened.json"))
                    .post("/admin/v1/events").then().statusCode(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.messages() >= 300);
            first.stop();
            long atStop = sink.messages();
            assertThat(atStop).as("stopped midway").isLessThan(SUBSCRIBERS);
            // SIGTERM, as a rolling update stops a replica: it leaves nothing in flight, every mail it sent is
            // recorded as sent, so nothing is sent twice.
            try (Connection c = DriverManager.getConnection(database.jdbcUrl()); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("""
                            select coalesce(sum(sent), 0), count(*) filter (where state = 'sending')
                            from delivery_page where channel = 'email'""")) {
                rs.next();
                assertThat(rs.getLong(2)).as("pages left in flight by the stopped replica").isZero();
                assertThat(rs.getLong(1)).as("deliveries recorded as sent").isEqualTo(atStop);
            }

            HeraldoProcess second = HeraldoProcess.start("fanout-crash-second", settings);
            try {
                second.awaitReady();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> sink.messages() >= atStop + 300);
            } finally {
                second.kill();
            }
            long killedAt = System.nanoTime();
            long atKill = sink.messages();
            assertThat(atKill).as("killed midway").isLessThan(SUBSCRIBERS);

            try (HeraldoProcess third = HeraldoProcess.start("fanout-crash-third", settings).awaitReady()) {
                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> given().baseUri(third.baseUrl())
                        .auth().oauth2(TOKEN).get("/admin/v1/notifications/zbox-2015-09").then().statusCode(200)
                        .body("email.sent", is(SUBSCRIBERS))
                        .body("email.pending", is(0))
                        .body("email.failed", is(0)));
                Duration afterKill = Duration.ofNanos(System.nanoTime() - killedAt);
                Map<String, Long> perRecipient = sink.perRecipient();
                assertThat(perRecipient).hasSize(SUBSCRIBERS);
                long duplicates = perRecipient.values().stream().mapToLong(n -> n - 1).sum();
                System.out.printf("FanoutCrashIT: stopped after %d and killed after %d of %d mails; finished %.1f s after"
                        + " the kill (restart included), %d duplicates (bound %d)%n", atStop, atKill, SUBSCRIBERS,
                        afterKill.toMillis() / 1e3, duplicates, IN_FLIGHT_BOUND);
                assertThat(duplicates).as("mails sent twice").isLessThanOrEqualTo(IN_FLIGHT_BOUND);
                assertThat(perRecipient.values()).allMatch(n -> n <= 2);
                assertThat(afterKill).as("finished after the kill within").isLessThanOrEqualTo(RESTART_GOAL);
                third.stop();
            }
        }
    }
}
