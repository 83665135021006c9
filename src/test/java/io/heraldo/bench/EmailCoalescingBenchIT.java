package io.heraldo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heraldo.ConfirmedReaders;
import io.heraldo.HeraldoProcess;
import io.heraldo.channel.email.BurstIncident;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;

/**
 * Coalescing under a burst (issue 15): {@code bench.readers} (3,000) confirmed readers, five updates of one incident
 * published {@code bench.interval-ms} (250) apart, a relay that takes 4 ms a mail, Heraldo's default email settings.
 * Reports mails per reader (the goal: at most 2.5 on average), how many readers' last mail is the fifth update (all
 * must be), the spread of mails per reader, and when the first and last mails went ({@code -Dbench.coalesce=false}
 * for the same burst without coalescing); appended to
 * {@code target/bench/email-coalescing.txt}.
 */
@Tag("bench")
class EmailCoalescingBenchIT {

    private static final int READERS = Integer.getInteger("bench.readers", 3_000);
    private static final int UPDATES = 5;
    private static final long INTERVAL_MS = Long.getLong("bench.interval-ms", 250);
    private static final String TOKEN = "bench-token";
    private static final boolean COALESCE = Boolean.parseBoolean(System.getProperty("bench.coalesce", "true"));

    @Test
    void burstOfFiveUpdates() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-coalescing-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 12);
                EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
                SmtpSink sink = new SmtpSink(true, 4);
                HeraldoProcess heraldo = HeraldoProcess.start("bench-coalescing",
                        HeraldoProcess.externalServers(kafka, database, settings(sink))).awaitReady()) {
            List<String> readers = new ArrayList<>();
            for (int i = 1; i <= READERS; i++) {
                readers.add("reader" + i + "@bench.test");
            }
            ConfirmedReaders.insert(database, "reader", "bench.test", READERS, true);
            // Warm-up: another incident opened to every reader, so the burst meets a running engine, not a cold one.
            BurstIncident.publish(heraldo.baseUrl(), TOKEN, "warm", 1, 1);
            await().atMost(Duration.ofMinutes(5)).until(() -> sink.messages() >= READERS);
            sink.reset();
            sink.capture(readers.toArray(String[]::new));

            // The producer's pace, not a wait for Heraldo: one update every INTERVAL_MS.
            ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger published = new AtomicInteger();
            long start = System.nanoTime();
            producer.scheduleAtFixedRate(() -> {
                int update = published.incrementAndGet();
                if (update <= UPDATES) {
                    BurstIncident.publish(heraldo.baseUrl(), TOKEN, update, UPDATES);
                }
            }, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofMinutes(5)).until(() -> published.get() >= UPDATES);
            producer.shutdown();
            // Done when every reader has the last update (without coalescing it need not be their last mail).
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> readers.stream()
                    .allMatch(reader -> updates(sink.capturedAll(reader)).contains(UPDATES)));
            if (!COALESCE) {
                await().atMost(Duration.ofMinutes(5)).until(() -> sink.messages() >= (long) READERS * UPDATES);
            }
            double lastMailSeconds = (sink.lastMessageNanos() - start) / 1e9;
            double firstMailSeconds = (sink.firstMessageNanos() - start) / 1e9;

            Map<Integer, Integer> spread = new TreeMap<>();
            int inOrder = 0;
            for (String reader : readers) {
                List<byte[]> mails = sink.capturedAll(reader);
                spread.merge(mails.size(), 1, Integer::sum);
                if (rising(mails)) {
                    inOrder++;
                }
            }
            long mails = sink.messages();
            double perReader = (double) mails / READERS;
            String report = """
                    Email coalescing benchmark (EmailCoalescingBenchIT), %s
                    %,d readers (half es, half en), %d updates of one incident %d ms apart, SmtpSink taking 4 ms a mail,
                    Heraldo's default email settings, heraldo.email.coalesce=%s; %d cores
                    mails: %,d; per reader %.2f (goal <= 2.5 %s); readers whose mails rise, carry what they skip and end with update %d: %,d of %,d;
                    mails per reader -> readers: %s; first mail %.2f s and last mail %.2f s after the first publish
                    """.formatted(LocalDateTime.now(), READERS, UPDATES, INTERVAL_MS,
                    COALESCE, Runtime.getRuntime().availableProcessors(), mails, perReader, perReader <= 2.5 ? "met" : "NOT met",
                    UPDATES, inOrder, READERS, spread, firstMailSeconds, lastMailSeconds);
            System.out.println(report);
            Files.createDirectories(Path.of("target", "bench"));
            Files.writeString(Path.of("target", "bench", "email-coalescing.txt"), report + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (COALESCE) {
                assertThat(inOrder).as("readers who got every update in order, the last one last").isEqualTo(READERS);
            }
        }
    }

    private static Map<String, String> settings(SmtpSink sink) {
        Map<String, String> settings = new HashMap<>(sink.heraldoSettings("Estado <estado@bench.test>"));
        settings.put("heraldo.admin.token", TOKEN);
        settings.put("quarkus.log.level", "WARN");
        // -Dbench.coalesce=false: the same burst with every update its own mail, for comparison
        settings.put("heraldo.email.coalesce", Boolean.toString(COALESCE));
        return settings;
    }

    private static List<Integer> updates(List<byte[]> mails) {
        List<Integer> updates = new ArrayList<>();
        try {
            for (byte[] mail : mails) {
                updates.add(BurstIncident.read(mail).update());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return updates;
    }

    /** Updates rising, each mail carrying the ones since the previous, and the last update last. */
    private static boolean rising(List<byte[]> mails) {
        int previous = 0;
        try {
            for (byte[] raw : mails) {
                BurstIncident.Mail mail = BurstIncident.read(raw);
                if (mail.update() <= previous || mail.bodies().size() != mail.update() - previous) {
                    return false;
                }
                previous = mail.update();
            }
        } catch (Exception e) {
            return false;
        }
        return previous == UPDATES;
    }
}
