package io.heraldo.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The readiness of Heraldo's own Kafka clients against a real broker that wants SASL/PLAIN: UP with the right
 * password, DOWN with the broker's refusal for a wrong one, DOWN within a bound for a broker that is not there, and
 * one probe per {@link KafkaReadiness#CACHE_FOR} however often it is asked.
 */
class KafkaReadinessTest {

    private static final String PASSWORD = "readiness-secret";
    private static final String TOPIC = "events-readiness";
    private static final String DELIVERIES = "deliveries-readiness";

    private static EmbeddedKafka kafka;
    private static Admin plainAdmin;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start(Files.createTempDirectory(Path.of("target"), "kafka-readiness-"), 0, 1,
                Map.of("heraldo", PASSWORD));
        plainAdmin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        plainAdmin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1), new NewTopic(DELIVERIES + ".email", 2,
                (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopBroker() {
        plainAdmin.close();
        kafka.close();
    }

    @Test
    void upWithTheRightPasswordWithWhatItChecked() {
        try (KafkaReadiness readiness = new KafkaReadiness(sasl(PASSWORD), DELIVERIES, TOPIC, Clock.systemUTC())) {
            HealthCheckResponse response = readiness.call();
            assertThat(response.getName()).isEqualTo("Kafka clients");
            assertThat(response.getStatus()).as(String.valueOf(response.getData()))
                    .isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(response.getData().orElseThrow()).containsEntry("topics", DELIVERIES + ".email," + TOPIC)
                    .containsEntry("bootstrap", kafka.saslBootstrapServers().orElseThrow())
                    .containsEntry("security", "SASL_PLAINTEXT")
                    .doesNotContainKey("error");
        }
    }

    @Test
    void downWithAWrongPasswordNamingTheBrokersRefusalButNotThePassword() {
        try (KafkaReadiness readiness = new KafkaReadiness(sasl("wrong-" + PASSWORD), DELIVERIES, TOPIC, Clock.systemUTC())) {
            HealthCheckResponse response = readiness.call();
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            Map<String, Object> data = response.getData().orElseThrow();
            assertThat((String) data.get("error")).contains("SaslAuthenticationException")
                    .contains("Authentication failed");
            assertThat(data.values()).noneMatch(value -> value.toString().contains(PASSWORD));
        }
    }

    @Test
    void downWithinItsBoundWhenNoBrokerAnswers() {
        KafkaClients nowhere = new KafkaClients(Map.of("bootstrap.servers", "localhost:" + EmbeddedKafka.freePort()));
        try (KafkaReadiness readiness = new KafkaReadiness(nowhere, DELIVERIES, TOPIC, Clock.systemUTC())) {
            long started = System.nanoTime();
            HealthCheckResponse response = readiness.call();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(took).isLessThan(KafkaReadiness.TIMEOUT.plusSeconds(2));
            assertThat((String) response.getData().orElseThrow().get("error")).isNotBlank();
        }
    }

    @Test
    void oneProbePerCacheWindowHoweverOftenItIsAsked() throws Exception {
        String topic = "events-cached";
        plainAdmin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        SteppedClock clock = new SteppedClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (KafkaReadiness readiness = new KafkaReadiness(sasl(PASSWORD), DELIVERIES, topic, clock)) {
            // A topic just created takes a moment to be known to every listener.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                clock.advance(KafkaReadiness.CACHE_FOR);
                return readiness.call().getStatus() == HealthCheckResponse.Status.UP;
            });
            HealthCheckResponse first = readiness.call();

            plainAdmin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            clock.advance(KafkaReadiness.CACHE_FOR.minusMillis(1));
            assertThat(readiness.call()).as("the answer kept within the window").isSameAs(first);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                clock.advance(KafkaReadiness.CACHE_FOR);
                HealthCheckResponse later = readiness.call();
                assertThat(later.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
                assertThat((String) later.getData().orElseThrow().get("error")).contains("UnknownTopicOrPartition");
            });
        }
    }

    private static KafkaClients sasl(String password) {
        return new KafkaClients(Map.of(
                "bootstrap.servers", kafka.saslBootstrapServers().orElseThrow(),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"heraldo\" password=\"" + password + "\";"));
    }

    /** A clock the test moves by hand. */
    private static final class SteppedClock extends Clock {

        private volatile Instant now;

        SteppedClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
