package io.heraldo.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoProcess;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;

/**
 * Email fan-out benchmark (docs/benchmarks.md): 100,000 confirmed subscribers, one {@code incident.opened}, an SMTP
 * sink that only counts. Heraldo (the packaged jar, {@code -Xmx256m}) from publish to the sink's last mail; then, in
 * the same run, the raw ceiling: a plain Jakarta Mail client sending 100,000 mails of the same size to the same sink
 * over the same number of connections.
 * <p>
 * {@code ./mvnw -B -Pbench verify -Dit.test=EmailFanoutBenchIT}
 */
@Tag("bench")
class EmailFanoutBenchIT {

    private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 100_000);
    private static final int WARM_UP = 2_000;
    private static final int CONNECTIONS = 8;
    private static final String TOKEN = "bench-token";

    @Test
    void emailFanout() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-email-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 12);
                EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
                SmtpSink sink = new SmtpSink();
                HeraldoProcess heraldo = HeraldoProcess.start("bench-email", List.of("-Xmx256m"),
                        HeraldoProcess.externalServers(kafka, database, Map.ofEntries(
                        Map.entry("heraldo.admin.token", TOKEN),
                        Map.entry("heraldo.page.name", "ZBox Mail"),
                        Map.entry("heraldo.email.enabled", "true"),
                        Map.entry("heraldo.email.from", "ZBox Mail <ayuda@zboxapp.test>"),
                        Map.entry("heraldo.email.smtp-host", "127.0.0.1"),
                        Map.entry("heraldo.email.smtp-port", Integer.toString(sink.port())),
                        Map.entry("heraldo.email.start-tls", "DISABLED"),
                        Map.entry("heraldo.email.pool-size", Integer.toString(CONNECTIONS)),
                        Map.entry("quarkus.log.level", "WARN")))).awaitReady()) {

            // Warm-up: a first incident to 2,000 subscribers, who then leave.
            subscribers(database, "warm", WARM_UP);
            publish(heraldo, "warm-up", "inc-warm");
            await().atMost(Duration.ofMinutes(2)).until(() -> sink.messages() >= WARM_UP);
            execute(database, "update subscriber set state = 'unsubscribed' where email like 'warm%'");
            subscribers(database, "user", SUBSCRIBERS);
            sink.reset();

            AtomicLong peakHeap = new AtomicLong();
            long start = System.nanoTime();
            publish(heraldo, "bench-incident", "inc-bench");
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                peakHeap.accumulateAndGet(heapUsed(heraldo), Math::max);
                return sink.messages() >= SUBSCRIBERS;
            });
            double heraldoSeconds = (sink.lastMessageNanos() - start) / 1e9;
            long averageSize = sink.bytes() / sink.messages();
            assertThat(sink.messages()).isEqualTo(SUBSCRIBERS);

            // The raw ceiling: same sink, same number of connections, mails of the same size, nothing else.
            sink.reset();
            double rawSeconds = rawClient(sink.port(), averageSize);

            double heraldoRate = SUBSCRIBERS / heraldoSeconds;
            double rawRate = SUBSCRIBERS / rawSeconds;
            String report = """
                    Email fan-out benchmark (EmailFanoutBenchIT)
                    subscribers: %d confirmed, one incident.opened, SMTP sink counting only, %d SMTP connections
                    Heraldo (packaged jar, -Xmx256m): publish -> last mail accepted %.2f s -> %.0f mails/s
                    heap used, peak of samples every 200 ms: %d MiB
                    average mail size: %d bytes
                    raw ceiling (plain Jakarta Mail client, same sink, %d connections, same size): %.2f s -> %.0f mails/s
                    ratio Heraldo / raw ceiling: %.2f
                    """.formatted(SUBSCRIBERS, CONNECTIONS, heraldoSeconds, heraldoRate, peakHeap.get() / (1024 * 1024),
                    averageSize, CONNECTIONS, rawSeconds, rawRate, heraldoRate / rawRate);
            System.out.println(report);
            Files.createDirectories(Path.of("target", "bench"));
            Files.writeString(Path.of("target", "bench", "email-fanout.txt"), report);
        }
    }

    private static void publish(HeraldoProcess heraldo, String eventId, String incidentId) {
        given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json; charset=UTF-8").body("""
                {"specversion": "1.0", "id": "%s", "source": "/bench", "type": "incident.opened", "subject": "%s",
                 "data": {"incident": {"id": "%s", "title": "Problemas de validación de usuarios", "status": "investigating",
                                       "impact": "critical", "components": {"ldap": "major_outage"}},
                          "update": {"body": "Cerca del 70%% de los usuarios no puede iniciar sesión en su correo. Los correos, citas y contactos no están afectados. Estamos investigando."}}}"""
                .formatted(eventId, incidentId, incidentId)).post("/admin/v1/events").then().log().ifValidationFails().statusCode(202);
    }

    private static void subscribers(EmbeddedDatabase database, String prefix, int count) throws Exception {
        execute(database, """
                insert into subscriber (id, email, locale, components, state, confirm_nonce, created_at, updated_at, confirmed_at)
                select gen_random_uuid(), '%s' || g || '@bench.test', case when g %% 2 = 0 then 'es' else 'en' end, '{}',
                       'confirmed', md5(g::text), now(), now(), now()
                from generate_series(1, %d) g""".formatted(prefix, count));
    }

    private static void execute(EmbeddedDatabase database, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long heapUsed(HeraldoProcess heraldo) {
        String metrics = given().baseUri(heraldo.managementUrl()).get("/q/metrics").asString();
        return (long) metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static double rawClient(int port, long size) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(props);
        String body = "x".repeat((int) Math.max(0, size - 600)).replaceAll("(.{76})", "$1\r\n");
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < CONNECTIONS; w++) {
            workers.add(pool.submit(() -> {
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect();
                    int i;
                    while ((i = next.getAndIncrement()) < SUBSCRIBERS) {
                        MimeMessage message = new MimeMessage(session);
                        message.setFrom(new InternetAddress("ayuda@zboxapp.test"));
                        InternetAddress to = new InternetAddress("user" + i + "@bench.test");
                        message.setRecipient(Message.RecipientType.TO, to);
                        message.setSubject("[ZBox Mail] Investigando: Problemas de validación de usuarios", "UTF-8");
                        message.setText(body, "UTF-8");
                        message.saveChanges();
                        transport.sendMessage(message, new InternetAddress[] { to });
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return seconds;
    }
}
