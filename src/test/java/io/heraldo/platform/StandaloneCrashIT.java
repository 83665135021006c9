package io.heraldo.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.heraldo.HeraldoProcess;
import io.heraldo.StoryEvents;

/**
 * The packaged jar on its embedded defaults, killed with SIGKILL (the OOM killer, a power cut of the container) in the
 * middle of a fan-out: its PostgreSQL does not outlive it by more than a moment, the next start on the same data
 * directory works, finds the data, and finishes the fan-out. And when the watch that stops PostgreSQL is killed too,
 * the next start stops the orphan on its own.
 */
class StandaloneCrashIT {

    private static final String TOKEN = "crash-it-token";
    private static final int SUBSCRIBERS = 3_000;
    private static final String EVENT = "09-incident-ldap-opened.json";
    private static final String EVENT_ID = "zbox-2015-09";
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** How long the server may outlive its JVM: the watch reacts at once; a fast shutdown takes a moment. */
    private static final Duration MOMENT = Duration.ofSeconds(5);

    /** GreenMail announces each mailbox it creates, thousands of lines; a strong reference keeps the level. */
    private static final Logger GREENMAIL_USERS = Logger.getLogger("com.icegreen.greenmail.user.UserManager");

    private Path dataDir;

    /**
     * Awaitility rethrows, from whatever it awaits, an exception any thread lets escape. GreenMail's handler threads
     * do when the killed jar's SMTP connections reset: that is the kill working, not the test failing.
     */
    @BeforeAll
    static void quietGreenMail() {
        GREENMAIL_USERS.setLevel(Level.WARNING);
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @AfterAll
    static void awaitAsUsual() {
        Awaitility.reset();
    }

    @AfterEach
    void nothingLeftRunning() {
        if (dataDir == null) {
            return;
        }
        // Whatever a failed assertion left behind: the server of this test's own directory, and only that.
        PostmasterPidFile.read(dataDir.resolve("postgres")).flatMap(file -> ProcessHandle.of(file.pid()))
                .filter(server -> server.info().command().map(StalePostmaster::isPostgres).orElse(false))
                .ifPresent(ProcessHandle::destroy);
    }

    @Test
    void aKilledJarTakesItsPostgreSqlAlongAndTheRestartFinishesTheFanout() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Map<String, String> settings = settings(Map.of(
                    "heraldo.email.enabled", "true",
                    "heraldo.email.from", "Estado <estado@crash.test>",
                    "heraldo.email.smtp-host", "127.0.0.1",
                    "heraldo.email.smtp-port", Integer.toString(smtp.getSmtp().getPort()),
                    "heraldo.email.start-tls", "DISABLED",
                    "heraldo.email.pool-size", "2",
                    "heraldo.fanout.record-batch", "50",
                    "heraldo.fanout.in-flight-timeout", "5s",
                    "heraldo.fanout.sweep-interval", "500ms"));

            long postmaster;
            try (HeraldoProcess first = HeraldoProcess.start("standalone-crash-first", settings).awaitReady()) {
                String csv = IntStream.rangeClosed(1, SUBSCRIBERS).mapToObj(i -> "reader" + i + "@crash.test,es,")
                        .collect(Collectors.joining("\n", "email,locale,components\n", "\n"));
                given().baseUri(first.baseUrl()).auth().oauth2(TOKEN).contentType("text/csv").body(csv)
                        .post("/admin/v1/subscribers/import").then().statusCode(200).body("imported", is(SUBSCRIBERS));
                publish(first);
                await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                        .until(() -> smtp.getReceivedMessages().length >= 200);
                postmaster = postmaster();

                first.kill();
            }

            assertThat(recipients(smtp)).as("killed in the middle of the fan-out").hasSizeLessThan(SUBSCRIBERS);
            await().atMost(MOMENT).until(() -> !alive(postmaster));
            assertThat(watches()).as("the watch ended with the server").isEmpty();

            try (HeraldoProcess second = HeraldoProcess.start("standalone-crash-second", settings).awaitReady()) {
                given().baseUri(second.baseUrl()).get("/api/v2/incidents.json").then().statusCode(200)
                        .body("incidents.id", contains("inc-ldap-auth"));
                await().atMost(WAIT).untilAsserted(() -> assertThat(recipients(smtp)).hasSize(SUBSCRIBERS));
                await().atMost(WAIT).untilAsserted(() -> given().baseUri(second.baseUrl()).auth().oauth2(TOKEN)
                        .get("/admin/v1/notifications/" + EVENT_ID).then().statusCode(200)
                        .body("email.sent", is(SUBSCRIBERS)).body("email.pending", is(0)).body("email.failed", is(0)));
                assertThat(second.output()).doesNotContain("was left running");
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void whenTheWatchIsKilledTooTheNextStartStopsTheOrphanOnItsOwn() throws Exception {
        Map<String, String> settings = settings(Map.of());
        long postmaster;
        try (HeraldoProcess first = HeraldoProcess.start("standalone-orphan-first", settings).awaitReady()) {
            publish(first);
            await().atMost(WAIT).untilAsserted(() -> given().baseUri(first.baseUrl()).get("/api/v2/incidents.json")
                    .then().body("incidents.id", contains("inc-ldap-auth")));
            postmaster = postmaster();
            List<ProcessHandle> watches = watches();
            assertThat(watches).hasSize(1);
            assertThat(watches.get(0).parent().map(ProcessHandle::pid)).contains(first.pid());

            // Everything of Heraldo's but PostgreSQL gone at once, as when the watch is killed with its JVM.
            watches.get(0).destroyForcibly();
            await().atMost(MOMENT).until(() -> !watches.get(0).isAlive());
            first.kill();
        }

        await().during(Duration.ofSeconds(2)).atMost(MOMENT).until(() -> alive(postmaster));

        try (HeraldoProcess second = HeraldoProcess.start("standalone-orphan-second", settings).awaitReady()) {
            assertThat(alive(postmaster)).as("the orphan was stopped").isFalse();
            assertThat(second.output()).contains("PostgreSQL " + postmaster + " was left running on");
            given().baseUri(second.baseUrl()).get("/api/v2/incidents.json").then().statusCode(200)
                    .body("incidents.id", contains("inc-ldap-auth"));
            assertThat(postmaster()).isNotEqualTo(postmaster);
            second.stop();
        }
        await().atMost(MOMENT).until(() -> PostmasterPidFile.read(dataDir.resolve("postgres")).isEmpty());
        assertThat(watches()).as("a normal stop ends the watch").isEmpty();
    }

    private Map<String, String> settings(Map<String, String> more) throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target"), "standalone-crash-");
        Map<String, String> settings = new HashMap<>(Map.of(
                "heraldo.data-dir", dataDir.toString(),
                "heraldo.embedded.kafka-port", Integer.toString(HeraldoProcess.freePort()),
                "heraldo.admin.token", TOKEN));
        settings.putAll(more);
        return settings;
    }

    private static void publish(HeraldoProcess heraldo) {
        given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json")
                .body(StoryEvents.bytes(EVENT)).post("/admin/v1/events").then().statusCode(202);
    }

    private long postmaster() {
        return PostmasterPidFile.read(dataDir.resolve("postgres")).orElseThrow().pid();
    }

    /** The watches of this test's data directory, whoever started them. */
    private List<ProcessHandle> watches() {
        String pidFile = dataDir.resolve("postgres").toAbsolutePath().normalize().resolve(PostmasterPidFile.NAME)
                .toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).filter(process -> {
            Optional<String[]> arguments = process.info().arguments();
            return arguments.isPresent() && List.of(arguments.get()).contains(PostmasterWatch.NAME)
                    && List.of(arguments.get()).contains(pidFile);
        }).toList();
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Set<String> recipients(GreenMail smtp) throws MessagingException {
        Set<String> recipients = new HashSet<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            recipients.add(message.getHeader("To", ","));
        }
        return recipients;
    }
}
