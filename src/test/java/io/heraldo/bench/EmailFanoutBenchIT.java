package io.heraldo.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heraldo.ConfirmedReaders;
import io.heraldo.HeraldoProcess;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;

/**
 * Email fan-out benchmark (docs/benchmarks.md, "How the benchmarks measure"): in one run, against one
 * {@link SmtpSink} (8 connections each), the raw ceiling ({@link RawSmtpWriter} writing Heraldo's own mail bytes),
 * Heraldo (the packaged jar, {@code -Xmx256m}; N confirmed subscribers, one {@code incident.opened}), the DIY peer
 * ({@link DiyMailer}) and the raw ceiling again. Each gets a warm-up first; Heraldo's warm-up mails (one English, one
 * Spanish) are captured and become the ceiling's templates. Reports mails/s, the ratio to the ceiling, Heraldo's
 * first mail after publish, its peak heap and RSS; appended to {@code target/bench/email-fanout.txt}.
 * <p>
 * {@code ./mvnw -B -Pbench verify -Dtest=NoUnit -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=EmailFanoutBenchIT}
 * ({@code -Dbench.subscribers=10000} for a smaller run, {@code -Dbench.jvm="-XX:StartFlightRecording=..."} for more
 * options of Heraldo's JVM)
 */
@Tag("bench")
class EmailFanoutBenchIT {

    private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 100_000);
    private static final int WARM_UP = Integer.getInteger("bench.warm-up", 2_000);
    private static final int CONNECTIONS = 8;
    /** {@code -Dbench.pg-statements=true}: PostgreSQL's statements during Heraldo's run, in {@code email-fanout-statements.txt}. */
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.pg-statements");
    private static final String TOKEN = "bench-token";
    private static final String FROM = "ayuda@zboxapp.test";

    /** One contender's run; {@code heraldo} only for Heraldo's. */
    private record Run(String name, long mails, double seconds, long bytes, String note, Footprint heraldo) {
        Run(String name, long mails, double seconds, long bytes, String note) {
            this(name, mails, seconds, bytes, note, null);
        }

        double rate() {
            return mails / seconds;
        }
    }

    /** What Heraldo's run took besides time. */
    private record Footprint(double firstMailSeconds, long heapPeakMiB, long rssPeakMiB, long highWaterMiB) {
    }

    @Test
    void emailFanout() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-email-");
        List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
        jvm.addAll(Arrays.stream(System.getProperty("bench.jvm", "").split(" ")).filter(o -> !o.isBlank()).toList());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 12);
                EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"), 0, STATEMENTS
                        ? Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track", "all")
                        : Map.of());
                SmtpSink sink = new SmtpSink();
                HeraldoProcess heraldo = HeraldoProcess.start("bench-email", jvm,
                        HeraldoProcess.externalServers(kafka, database, Map.ofEntries(
                        Map.entry("heraldo.admin.token", TOKEN),
                        Map.entry("heraldo.page.name", "ZBox Mail"),
                        Map.entry("heraldo.email.enabled", "true"),
                        Map.entry("heraldo.email.from", "ZBox Mail <" + FROM + ">"),
                        Map.entry("heraldo.email.smtp-host", "127.0.0.1"),
                        Map.entry("heraldo.email.smtp-port", Integer.toString(sink.port())),
                        Map.entry("heraldo.email.start-tls", "DISABLED"),
                        Map.entry("heraldo.email.pool-size", Integer.toString(CONNECTIONS)),
                        Map.entry("quarkus.log.level", "WARN")))).awaitReady()) {

            // Heraldo's warm-up: a first incident to WARM_UP subscribers, who then leave; one mail per language kept.
            sink.capture("warm1@bench.test", "warm2@bench.test");
            subscribers(database, "warm", WARM_UP);
            publish(heraldo, "event-1", "inc-1", "smtp");
            await().atMost(Duration.ofMinutes(5)).until(() -> sink.messages() >= WARM_UP);
            byte[] english = sink.captured("warm1@bench.test");
            byte[] spanish = sink.captured("warm2@bench.test");
            assertThat(english).as("Heraldo's English warm-up mail").isNotNull();
            assertThat(spanish).as("Heraldo's Spanish warm-up mail").isNotNull();
            execute(database, "update subscriber set state = 'unsubscribed' where email like 'warm%'");
            subscribers(database, "user", SUBSCRIBERS);
            // user g reads Spanish when g is even, as subscribers() makes them; mail i goes to user i + 1
            MailTemplate en = MailTemplate.of(english);
            MailTemplate es = MailTemplate.of(spanish);
            IntFunction<MailTemplate> templates = i -> (i + 1) % 2 == 0 ? es : en;
            IntFunction<String> users = i -> "user" + (i + 1) + "@bench.test";
            seed(kafka, "diy-warm", "warm", WARM_UP);
            seed(kafka, "diy-recipients", "user", SUBSCRIBERS);

            // One reader's mail from the ceiling and from Heraldo, kept so that anyone can compare what went on the wire.
            String reader = "user2@bench.test";
            List<Run> runs = new ArrayList<>();
            sink.capture(reader);
            runs.add(ceiling(sink, templates, users, "raw ceiling"));
            byte[] ceilingMail = sink.captured(reader);
            sink.capture(reader);
            if (STATEMENTS) {
                execute(database, "create extension if not exists pg_stat_statements");
                execute(database, "select pg_stat_statements_reset()");
            }
            runs.add(heraldo(sink, heraldo));
            if (STATEMENTS) {
                statements(database);
            }
            byte[] heraldoMail = sink.captured(reader);
            runs.add(diy(sink, kafka));
            runs.add(ceiling(sink, templates, users, "raw ceiling, again"));
            Files.createDirectories(Path.of("target", "bench"));
            Files.write(Path.of("target", "bench", "email-fanout-ceiling.eml"), ceilingMail);
            Files.write(Path.of("target", "bench", "email-fanout-heraldo.eml"), heraldoMail);
            report(runs, "the mail of %s: Heraldo %,d bytes, ceiling %,d bytes (target/bench/email-fanout-*.eml)"
                    .formatted(reader, heraldoMail.length, ceilingMail.length));
        }
    }

    private static Run ceiling(SmtpSink sink, IntFunction<MailTemplate> templates, IntFunction<String> users, String name)
            throws Exception {
        RawSmtpWriter writer = new RawSmtpWriter("127.0.0.1", sink.port(), CONNECTIONS, FROM);
        writer.send(templates, WARM_UP, users);
        sink.reset();
        RawSmtpWriter.Result result = writer.send(templates, SUBSCRIBERS, users);
        assertThat(sink.messages()).isEqualTo(SUBSCRIBERS);
        return new Run(name, SUBSCRIBERS, result.seconds(), sink.bytes(),
                "the same bytes as Heraldo's mails, " + (result.pipelined() ? "pipelined" : "not pipelined"));
    }

    private static Run heraldo(SmtpSink sink, HeraldoProcess heraldo) throws IOException {
        sink.reset();
        AtomicLong peakHeap = new AtomicLong();
        AtomicLong peakRss = new AtomicLong();
        long start = System.nanoTime();
        publish(heraldo, "event-2", "inc-2", "ldap");
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            peakHeap.accumulateAndGet(heapUsed(heraldo), Math::max);
            peakRss.accumulateAndGet(procStatusKiB(heraldo.pid(), "VmRSS"), Math::max);
            return sink.messages() >= SUBSCRIBERS;
        });
        double seconds = (sink.lastMessageNanos() - start) / 1e9;
        assertThat(sink.messages()).isEqualTo(SUBSCRIBERS);
        Footprint footprint = new Footprint((sink.firstMessageNanos() - start) / 1e9, peakHeap.get() >> 20,
                peakRss.get() >> 10, procStatusKiB(heraldo.pid(), "VmHWM") >> 10);
        return new Run("Heraldo (jar, -Xmx256m)", SUBSCRIBERS, seconds, sink.bytes(),
                "first mail %.2f s after publish; heap peak %d MiB; RSS peak %d MiB sampled, VmHWM %d MiB".formatted(
                        footprint.firstMailSeconds(), footprint.heapPeakMiB(), footprint.rssPeakMiB(),
                        footprint.highWaterMiB()), footprint);
    }

    private static Run diy(SmtpSink sink, EmbeddedKafka kafka) throws Exception {
        try (DiyMailer warm = new DiyMailer(kafka.bootstrapServers(), "diy-warm", "127.0.0.1", sink.port(), CONNECTIONS)) {
            warm.start();
            await().atMost(Duration.ofMinutes(5)).until(() -> warm.sent() >= WARM_UP);
        }
        sink.reset();
        long start = System.nanoTime();
        try (DiyMailer diy = new DiyMailer(kafka.bootstrapServers(), "diy-recipients", "127.0.0.1", sink.port(),
                CONNECTIONS)) {
            diy.start();
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> sink.messages() >= SUBSCRIBERS);
            assertThat(diy.failed()).isZero();
        }
        assertThat(sink.messages()).isEqualTo(SUBSCRIBERS);
        return new Run("DIY peer (Kafka consumer + 8 Jakarta Mail transports)", SUBSCRIBERS,
                (sink.lastMessageNanos() - start) / 1e9, sink.bytes(),
                "first mail %.2f s after start".formatted((sink.firstMessageNanos() - start) / 1e9));
    }

    private static void report(List<Run> runs, String sameMail) throws IOException {
        double ceiling = runs.stream().filter(r -> r.name().startsWith("raw ceiling")).mapToDouble(Run::rate).max()
                .orElseThrow();
        StringBuilder report = new StringBuilder("""
                Email fan-out benchmark (EmailFanoutBenchIT), %s
                %,d confirmed subscribers, one incident.opened; one SmtpSink (offers PIPELINING), %d connections each;
                %d cores; %s; ratio: to the faster raw ceiling run
                | run | mails | seconds | mails/s | ratio | bytes/mail | note |
                | --- | --- | --- | --- | --- | --- | --- |
                """.formatted(LocalDateTime.now(), SUBSCRIBERS, CONNECTIONS, Runtime.getRuntime().availableProcessors(),
                sameMail));
        for (Run run : runs) {
            report.append("| %s | %,d | %.2f | %,.0f | %.2f | %,d | %s |%n".formatted(run.name(), run.mails(),
                    run.seconds(), run.rate(), run.rate() / ceiling, run.bytes() / run.mails(), run.note()));
        }
        Run heraldo = runs.stream().filter(r -> r.heraldo() != null).findFirst().orElseThrow();
        Run diy = runs.stream().filter(r -> r.name().startsWith("DIY")).findFirst().orElseThrow();
        Footprint footprint = heraldo.heraldo();
        report.append("goals of issue 12: ratio >= 0.80 %s; %,d mails in <= %.1f s (20 s per 100,000) %s; heap <= 256 MiB %s;"
                .formatted(met(heraldo.rate() / ceiling >= 0.8), SUBSCRIBERS, SUBSCRIBERS / 5_000.0,
                        met(heraldo.seconds() <= SUBSCRIBERS / 5_000.0), met(footprint.heapPeakMiB() <= 256)))
                .append(" RSS <= 400 MiB %s; first mail <= 1 s %s; faster than the DIY peer %s%n".formatted(
                        met(Math.max(footprint.rssPeakMiB(), footprint.highWaterMiB()) <= 400),
                        met(footprint.firstMailSeconds() <= 1), met(heraldo.rate() > diy.rate())));
        System.out.println(report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "email-fanout.txt"), report + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT met";
    }

    /** The warm-up and the measured incident differ only in ids and component names of the same length: same-size mails. */
    private static void publish(HeraldoProcess heraldo, String eventId, String incidentId, String component) {
        given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json; charset=UTF-8").body("""
                {"specversion": "1.0", "id": "%s", "source": "/bench", "type": "incident.opened", "subject": "%s",
                 "data": {"incident": {"id": "%s", "title": "Problemas de validación de usuarios", "status": "investigating",
                                       "impact": "critical", "components": {"%s": "major_outage"}},
                          "update": {"body": "Cerca del 70%% de los usuarios no puede iniciar sesión en su correo. Los correos, citas y contactos no están afectados. Estamos investigando."}}}"""
                .formatted(eventId, incidentId, incidentId, component)).post("/admin/v1/events").then().log().ifValidationFails().statusCode(202);
    }

    private static void subscribers(EmbeddedDatabase database, String prefix, int count) throws Exception {
        ConfirmedReaders.insert(database, prefix, "bench.test", count, true);
    }

    /** The DIY peer's input: one record {@code email,locale} per recipient, the same readers as Heraldo's. */
    private static void seed(EmbeddedKafka kafka, String topic, String prefix, int count) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int g = 1; g <= count; g++) {
                String email = prefix + g + "@bench.test";
                producer.send(new ProducerRecord<>(topic, email, email + "," + (g % 2 == 0 ? "es" : "en")));
            }
            producer.flush();
        }
    }

    /**
     * PostgreSQL's share of Heraldo's run, statement by statement ({@code -Dbench.pg-statements=true}): what
     * {@code pg_stat_statements} counted from the publish to the last mail, the costliest first.
     */
    private static void statements(EmbeddedDatabase database) throws Exception {
        StringBuilder out = new StringBuilder("PostgreSQL during Heraldo's run (pg_stat_statements), %s%n"
                .formatted(java.time.LocalDateTime.now()));
        out.append("| total ms | calls | ms per call | rows | statement |\n| --- | --- | --- | --- | --- |\n");
        try (Connection c = DriverManager.getConnection(database.jdbcUrl()); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("""
                        select total_exec_time, calls, rows, regexp_replace(query, '\\s+', ' ', 'g') as query
                        from pg_stat_statements order by total_exec_time desc limit 25""")) {
            while (rs.next()) {
                String query = rs.getString("query");
                out.append("| %,.0f | %,d | %.3f | %,d | `%s` |%n".formatted(rs.getDouble(1), rs.getLong(2),
                        rs.getDouble(1) / Math.max(1, rs.getLong(2)), rs.getLong(3),
                        query.length() > 160 ? query.substring(0, 160) + "…" : query));
            }
        }
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "email-fanout-statements.txt"), out.append('\n').toString(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
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

    /** A {@code kB} field of {@code /proc/<pid>/status} (VmRSS, VmHWM), in KiB; 0 where there is no /proc. */
    private static long procStatusKiB(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith(field + ":"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
