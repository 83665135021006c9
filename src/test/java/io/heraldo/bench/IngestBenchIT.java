package io.heraldo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.HeraldoProcess;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;

/**
 * Ingest benchmark (docs/benchmarks.md): 20,000 events — component changes and incident updates over 200 subjects —
 * published into a running Heraldo (the packaged jar); events applied per second, against the raw ceiling of simply
 * consuming the same records; then, under a load that does not saturate it, the time from publish until
 * {@code /api/v2/summary.json} shows the change (p50/p99).
 * <p>
 * {@code ./mvnw -B -Pbench verify -Dit.test=IngestBenchIT}
 */
@Tag("bench")
class IngestBenchIT {

    private static final int SUBJECTS = 200;
    private static final int ROUNDS = 100;
    private static final int EVENTS = SUBJECTS * ROUNDS;
    private static final String[] COMPONENT_STATUSES = { "degraded_performance", "partial_outage", "major_outage", "operational" };
    private static final String[] INCIDENT_STATUSES = { "investigating", "identified", "monitoring" };

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void ingest() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "bench-ingest-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 6);
                EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
                HeraldoProcess heraldo = HeraldoProcess.start("bench-ingest",
                        HeraldoProcess.externalServers(kafka, database, Map.of("quarkus.log.level", "WARN"))).awaitReady();
                KafkaProducer<String, byte[]> producer = producer(kafka)) {

            // Warm-up: JIT, connection pool, consumer group assignment.
            for (int i = 0; i < 2_000; i++) {
                send(producer, "warm" + (i % 50), component("warm-" + i, "warm" + (i % 50), COMPONENT_STATUSES[i % 4]));
            }
            producer.flush();
            await().atMost(Duration.ofMinutes(2)).until(() -> count(database, "warm-%") == 2_000);

            // 1. Throughput: everything published at once; applied/s from the first send to the last commit.
            long start = System.nanoTime();
            for (int round = 0; round < ROUNDS; round++) {
                for (int s = 0; s < SUBJECTS / 2; s++) {
                    String componentId = "c" + s;
                    send(producer, componentId, component("run-c-" + round + "-" + s, componentId,
                            COMPONENT_STATUSES[round % COMPONENT_STATUSES.length]));
                    String incidentId = "inc" + s;
                    send(producer, incidentId, incident("run-i-" + round + "-" + s, incidentId, round));
                }
            }
            producer.flush();
            long published = System.nanoTime();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> count(database, "run-%") == EVENTS);
            long applied = System.nanoTime();
            double appliedPerSecond = EVENTS / seconds(applied - start);

            // The raw ceiling: a plain consumer reading the same records from the same broker, doing nothing else.
            double ceiling = rawConsumeRate(kafka, EVENTS + 2_000);

            // 2. Latency when not saturated: a steady background load; probes publish one change each and poll
            // summary.json until it shows.
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest summary = HttpRequest.newBuilder(URI.create(heraldo.baseUrl() + "/api/v2/summary.json")).build();
            StringBuilder latencyReport = new StringBuilder();
            for (int rate : new int[] { 100, 500 }) {
                List<Long> latencies = probe(producer, http, summary, rate, 300);
                latencyReport.append("""
                          background %d events/s, %d probes: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms
                        """.formatted(rate, latencies.size(), pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                        latencies.get(latencies.size() - 1) / 1000.0));
            }

            String report = """
                    Ingest benchmark (IngestBenchIT)
                    events: %d (component changes and incident updates over %d subjects)
                    published in: %.2f s
                    applied in: %.2f s from the first send  ->  %.0f events/s applied
                    raw ceiling (plain consumer, same topic and broker): %.0f records/s
                    publish -> visible in /api/v2/summary.json:
                    %s""".formatted(EVENTS, SUBJECTS, seconds(published - start), seconds(applied - start),
                    appliedPerSecond, ceiling, latencyReport);
            System.out.println(report);
            Files.createDirectories(Path.of("target", "bench"));
            Files.writeString(Path.of("target", "bench", "ingest.txt"), report);
            assertThat(count(database, "run-%")).isEqualTo(EVENTS);
        }
    }

    private List<Long> probe(KafkaProducer<String, byte[]> producer, HttpClient http, HttpRequest summary, int rate,
            int probes) throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicLong background = new AtomicLong();
        long periodNanos = 1_000_000_000L / rate;
        Thread load = new Thread(() -> {
            long next = System.nanoTime();
            while (loading.get()) {
                long n = background.incrementAndGet();
                send(producer, "bg" + (n % 100), component("bg-" + rate + "-" + n, "bg" + (n % 100),
                        COMPONENT_STATUSES[(int) (n % 4)]));
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        });
        load.start();
        List<Long> latencies = new ArrayList<>();
        try {
            for (int i = 0; i < probes; i++) {
                String status = i % 2 == 0 ? "partial_outage" : "degraded_performance";
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>("status-events", "probe",
                        component("probe-" + rate + "-" + i, "probe", status).getBytes(StandardCharsets.UTF_8))).get();
                while (!status.equals(probeStatus(http, summary))) {
                    Thread.onSpinWait();
                }
                latencies.add((System.nanoTime() - sent) / 1_000);
            }
        } finally {
            loading.set(false);
            load.join();
        }
        Collections.sort(latencies);
        return latencies;
    }

    private String probeStatus(HttpClient http, HttpRequest summary) throws Exception {
        JsonNode body = json.readTree(http.send(summary, HttpResponse.BodyHandlers.ofByteArray()).body());
        for (JsonNode component : body.get("components")) {
            if (component.get("id").asText().equals("probe")) {
                return component.get("status").asText();
            }
        }
        return null;
    }

    private static double rawConsumeRate(EmbeddedKafka kafka, int records) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("status-events"));
            long seen = 0;
            long start = 0;
            while (seen < records) {
                int n = consumer.poll(Duration.ofMillis(100)).count();
                if (n > 0 && start == 0) {
                    start = System.nanoTime();
                }
                seen += n;
            }
            return seen / seconds(System.nanoTime() - start);
        }
    }

    private static long count(EmbeddedDatabase database, String pattern) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl());
                PreparedStatement ps = c.prepareStatement("select count(*) from applied_event where event_id like ?")) {
            ps.setString(1, pattern);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException notReady) {
            return 0;
        }
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String key, String event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("status-events", key, event.getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        producer.send(record);
    }

    private static String component(String id, String componentId, String status) {
        return """
                {"specversion":"1.0","id":"%s","source":"/bench","type":"component.status_changed","subject":"%s",
                 "data":{"component":{"id":"%s","group":"Bench","status":"%s"},"notify":[]}}"""
                .formatted(id, componentId, componentId, status);
    }

    /** Round 0 opens the incident, the last round resolves it, the rounds between update it. */
    private static String incident(String id, String incidentId, int round) {
        String type = round == 0 ? "incident.opened" : round == ROUNDS - 1 ? "incident.resolved" : "incident.updated";
        String status = round == ROUNDS - 1 ? "resolved" : INCIDENT_STATUSES[round % INCIDENT_STATUSES.length];
        String time = OffsetDateTime.parse("2026-01-01T00:00:00Z").plusMinutes(round).toString();
        return """
                {"specversion":"1.0","id":"%s","source":"/bench","type":"%s","subject":"%s","time":"%s",
                 "data":{"incident":{"id":"%s","title":"Bench incident %s","status":"%s","impact":"minor",
                         "components":{"%s-c":"%s"}},
                         "update":{"body":"Round %d of the benchmark incident."},"notify":[]}}"""
                .formatted(id, type, incidentId, time, incidentId, incidentId, status, incidentId,
                        round == ROUNDS - 1 ? "operational" : "partial_outage", round);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double pct(List<Long> sortedMicros, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, index)) / 1000.0;
    }
}
