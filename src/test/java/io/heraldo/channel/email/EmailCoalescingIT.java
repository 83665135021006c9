package io.heraldo.channel.email;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.heraldo.ConfirmedReaders;
import io.heraldo.HeraldoProcess;
import io.heraldo.bench.SmtpSink;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;
import io.restassured.path.json.JsonPath;

/**
 * A burst of five updates of one incident to readers behind a slow relay (4 ms a mail), the packaged jar with two
 * workers and small pages: each next update is published while the one before is still being sent. Every reader gets
 * the updates in order, never one older than one already received; the last mail is the fifth update; each mail
 * carries, newest first, exactly the updates the reader was not sent since their previous mail; and the counts say
 * how many mails were coalesced.
 */
class EmailCoalescingIT {

    private static final int READERS = 400;
    private static final int UPDATES = 5;
    private static final String TOKEN = "coalescing-token";

    @Test
    void aBurstOfUpdatesReachesEachReaderInOrderWithTheUnsentOnesCarried() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "email-coalescing-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 6);
                EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
                SmtpSink sink = new SmtpSink(true, 4)) {
            Map<String, String> heraldoSettings = new HashMap<>(sink.heraldoSettings("Estado <estado@burst.test>"));
            heraldoSettings.putAll(Map.of("heraldo.admin.token", TOKEN, "heraldo.email.pool-size", "2",
                    "heraldo.fanout.workers-per-channel", "2", "heraldo.fanout.page-size", "50"));
            Map<String, String> settings = HeraldoProcess.externalServers(kafka, database, heraldoSettings);
            try (HeraldoProcess heraldo = HeraldoProcess.start("email-coalescing", settings).awaitReady()) {
                List<String> readers = new ArrayList<>();
                for (int i = 1; i <= READERS; i++) {
                    readers.add("reader" + i + "@burst.test");
                }
                ConfirmedReaders.insert(database, "reader", "burst.test", READERS, false);
                sink.capture(readers.toArray(String[]::new));

                for (int update = 1; update <= UPDATES; update++) {
                    BurstIncident.publish(heraldo.baseUrl(), TOKEN, update, UPDATES);
                    // The next update arrives while this one is still going out: some mails sent, most not yet.
                    long before = sink.messages();
                    if (update < UPDATES) {
                        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                                .until(() -> sink.messages() >= before + 40);
                    }
                }

                await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                    long sent = 0;
                    long coalesced = 0;
                    for (int update = 1; update <= UPDATES; update++) {
                        JsonPath email = counts(heraldo, update);
                        assertThat(email.getLong("email.pending")).as("pending of update %d", update).isZero();
                        assertThat(email.getLong("email.failed")).isZero();
                        sent += email.getLong("email.sent");
                        coalesced += email.getLong("email.coalesced");
                    }
                    assertThat(sent + coalesced).as("every reader's five deliveries settled")
                            .isEqualTo((long) READERS * UPDATES);
                    assertThat(sent).as("mails sent, as the relay counted them").isEqualTo(sink.messages());
                });

                long mails = sink.messages();
                System.out.printf("EmailCoalescingIT: %d readers x %d updates -> %d mails (%.2f per reader)%n", READERS,
                        UPDATES, mails, (double) mails / READERS);
                assertThat(mails).as("a burst stays a trickle").isLessThan((long) READERS * UPDATES);
                for (String reader : readers) {
                    assertReadInOrder(reader, sink.capturedAll(reader));
                }
            }
        }
    }

    /**
     * The reader's mails, in the order the relay accepted them: updates rising, the last one the fifth, each mail
     * carrying the updates since the previous one, newest first.
     */
    private static void assertReadInOrder(String reader, List<byte[]> mails) throws Exception {
        assertThat(mails).as("mails of %s", reader).isNotEmpty();
        int previous = 0;
        for (byte[] raw : mails) {
            BurstIncident.Mail mail = BurstIncident.read(raw);
            assertThat(mail.update()).as("%s got update %d after update %d", reader, mail.update(), previous)
                    .isGreaterThan(previous);
            List<Integer> expected = new ArrayList<>();
            for (int k = mail.update(); k > previous; k--) {
                expected.add(k);
            }
            assertThat(mail.bodies())
                    .as("update %d to %s: its body, then the ones it carries, newest first", mail.update(), reader)
                    .isEqualTo(expected);
            if (mail.update() > 1) {
                assertThat(mail.references()).as("threaded under the first update").startsWith("<burst-1.");
            }
            previous = mail.update();
        }
        assertThat(previous).as("the last mail of %s is the last update", reader).isEqualTo(UPDATES);
    }

    private static JsonPath counts(HeraldoProcess heraldo, int update) {
        return given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN)
                .get("/admin/v1/notifications/" + BurstIncident.eventId(update)).then().statusCode(200).extract()
                .jsonPath();
    }
}
