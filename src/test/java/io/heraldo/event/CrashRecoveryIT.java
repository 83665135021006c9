package io.heraldo.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoProcess;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;

/**
 * Heraldo killed with SIGKILL in the middle of a stream of events loses none of them: after a restart every event
 * is applied exactly once and every component shows the last status published for it.
 */
class CrashRecoveryIT {

    private static final int EVENTS = 3_000;
    private static final int COMPONENTS = 200;
    private static final String[] STATUSES = { "degraded_performance", "partial_outage", "major_outage", "operational" };

    @Test
    void aKilledInstanceLosesNoEvent() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "crash-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 6);
                EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"), 0)) {
            // small batches: the kill lands between many commits
            Map<String, String> settings = HeraldoProcess.externalServers(kafka, database,
                    Map.of("mp.messaging.incoming.status-events.max.poll.records", "50"));

            Map<String, String> last = new HashMap<>();
            HeraldoProcess first = HeraldoProcess.start("crash-first", settings).awaitReady();
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < EVENTS; i++) {
                    String component = "c" + (i % COMPONENTS);
                    String status = STATUSES[(i / COMPONENTS) % STATUSES.length];
                    last.put(component, status);
                    String event = """
                            {"specversion": "1.0", "id": "crash-%d", "source": "/it", "type": "component.status_changed",
                             "data": {"component": {"id": "%s", "status": "%s"}}}""".formatted(i, component, status);
                    producer.send(new ProducerRecord<>("status-events", component, event.getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> applied(database) >= 300);
            first.kill();
            long appliedAtKill = applied(database);
            assertThat(appliedAtKill).as("killed midway").isLessThan(EVENTS);

            try (HeraldoProcess second = HeraldoProcess.start("crash-second", settings).awaitReady()) {
                await().atMost(Duration.ofSeconds(120)).until(() -> applied(database) == EVENTS);
                Map<String, String> shown = new HashMap<>();
                try (Connection c = DriverManager.getConnection(database.jdbcUrl());
                        PreparedStatement ps = c.prepareStatement("select id, reported_status from component");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        shown.put(rs.getString(1), rs.getString(2));
                    }
                }
                assertThat(shown).isEqualTo(last);
                second.stop();
            }
        }
    }

    private static long applied(EmbeddedDatabase database) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl());
                PreparedStatement ps = c.prepareStatement(
                        "select count(*) from applied_event where event_id like 'crash-%'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException notYetMigrated) {
            return 0;
        }
    }
}
