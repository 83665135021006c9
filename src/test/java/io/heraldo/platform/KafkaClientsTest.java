package io.heraldo.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"heraldo\" password=\"secret\";";

    /** What Quarkus hands the connector for a SASL_SSL cluster, including the group id it adds on its own. */
    private static final Map<String, Object> CONNECTOR = Map.ofEntries(
            Map.entry("bootstrap.servers", "kafka-1:9093,kafka-2:9093"),
            Map.entry("security.protocol", "SASL_SSL"),
            Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
            Map.entry("sasl.jaas.config", JAAS),
            Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"),
            Map.entry("ssl.truststore.password", "changeit"),
            Map.entry("group.id", "heraldo"));

    private static final List<String> SECURITY = List.of("bootstrap.servers", "security.protocol", "sasl.mechanism",
            "sasl.jaas.config", "ssl.truststore.location", "ssl.truststore.password");

    @Test
    void everyKindOfClientGetsTheWholeSecurityConfiguration() {
        KafkaClients clients = new KafkaClients(CONNECTOR);
        for (Map<String, Object> config : List.of(clients.producer("p", Map.of()), clients.consumer("c", Map.of()),
                clients.admin("a"))) {
            for (String key : SECURITY) {
                assertThat(config).containsEntry(key, CONNECTOR.get(key));
            }
        }
        assertThat(clients.bootstrapServers()).isEqualTo("kafka-1:9093,kafka-2:9093");
        assertThat(clients.securityProtocol()).isEqualTo("SASL_SSL");
        assertThat(new KafkaClients(Map.of("bootstrap.servers", "k:9092")).securityProtocol()).isEqualTo("PLAINTEXT");
    }

    @Test
    void aSettingOnlyAnotherKindOfClientDefinesIsLeftOut() {
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", "k:9092",
                "acks", "1", "linger.ms", "20",
                "auto.offset.reset", "latest", "fetch.min.bytes", "1024",
                "request.timeout.ms", "15000"));

        assertThat(clients.producer("p", Map.of())).containsEntry("acks", "1").containsEntry("linger.ms", "20")
                .doesNotContainKeys("auto.offset.reset", "fetch.min.bytes")
                .containsEntry("request.timeout.ms", "15000");
        assertThat(clients.consumer("c", Map.of())).containsEntry("auto.offset.reset", "latest")
                .containsEntry("fetch.min.bytes", "1024").doesNotContainKeys("acks", "linger.ms")
                .containsEntry("request.timeout.ms", "15000");
        assertThat(clients.admin("a")).doesNotContainKeys("acks", "linger.ms", "auto.offset.reset", "fetch.min.bytes")
                .containsEntry("request.timeout.ms", "15000");
    }

    @Test
    void aSettingNoKindOfClientDefinesIsKeptForThePluginsItIsMeantFor() {
        String engineFactory = "io.quarkus.kafka.client.tls.QuarkusKafkaSslEngineFactory";
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", "k:9092",
                "tls-configuration-name", "kafka-tls",
                "ssl.engine.factory.class", engineFactory,
                "sasl.login.callback.handler.option", "x"));
        for (Map<String, Object> config : List.of(clients.producer("p", Map.of()), clients.consumer("c", Map.of()),
                clients.admin("a"))) {
            assertThat(config).containsEntry("tls-configuration-name", "kafka-tls")
                    .containsEntry("ssl.engine.factory.class", engineFactory)
                    .containsEntry("sasl.login.callback.handler.option", "x");
        }
    }

    @Test
    void serializersGroupsAndFencingIdsAreNeverShared() {
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", "k:9092", "group.id", "heraldo",
                "group.instance.id", "pod-0", "transactional.id", "tx", "key.serializer", "x.Ser",
                "value.deserializer", "x.De"));
        List<String> never = List.of("group.id", "group.instance.id", "transactional.id", "key.serializer",
                "value.deserializer");
        assertThat(clients.producer("p", Map.of())).doesNotContainKeys(never.toArray(String[]::new));
        assertThat(clients.consumer("c", Map.of())).doesNotContainKeys(never.toArray(String[]::new));
        assertThat(clients.admin("a")).doesNotContainKeys(never.toArray(String[]::new));
        // A consumer that needs a group names its own.
        assertThat(clients.consumer("c", Map.of("group.id", "heraldo-deliveries-email")))
                .containsEntry("group.id", "heraldo-deliveries-email");
    }

    @Test
    void theClientsOwnSettingsWin() {
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", "k:9092", "acks", "1",
                "enable.idempotence", "false", "session.timeout.ms", "45000"));
        assertThat(clients.producer("p", Map.of("acks", "all", "enable.idempotence", "true")))
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true");
        assertThat(clients.consumer("c", Map.of("session.timeout.ms", "10000")))
                .containsEntry("session.timeout.ms", "10000");
    }

    @Test
    void aClientIdNamesEachClientApart() {
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", "k:9092", "client.id", "heraldo-eu"));
        String first = (String) clients.consumer("deliveries-email", Map.of()).get("client.id");
        String second = (String) clients.consumer("deliveries-email", Map.of()).get("client.id");
        assertThat(first).startsWith("heraldo-eu-deliveries-email-");
        assertThat(second).startsWith("heraldo-eu-deliveries-email-").isNotEqualTo(first);
        assertThat((String) clients.admin("subscribers").get("client.id")).startsWith("heraldo-eu-subscribers-");
        // Without one, Kafka names its clients itself.
        assertThat(new KafkaClients(Map.of("bootstrap.servers", "k:9092")).producer("p", Map.of()))
                .doesNotContainKey("client.id");
    }

    @Test
    void realClientsAcceptWhatTheMergeGivesThem() {
        // SASL over plain TCP: the login happens when the client is built, no broker needed (nothing listens there).
        KafkaClients clients = new KafkaClients(Map.of("bootstrap.servers", "localhost:1",
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", JAAS,
                "group.id", "heraldo", "auto.offset.reset", "earliest", "acks", "all", "tls-configuration-name", "x"));
        assertThatCode(() -> {
            new KafkaProducer<>(clients.producer("p", Map.of()), new StringSerializer(), new StringSerializer())
                    .close(Duration.ZERO);
            new KafkaConsumer<>(clients.consumer("c", Map.of()), new StringDeserializer(), new StringDeserializer())
                    .close(Duration.ZERO);
            Admin.create(clients.admin("a")).close(Duration.ZERO);
        }).doesNotThrowAnyException();
    }
}
