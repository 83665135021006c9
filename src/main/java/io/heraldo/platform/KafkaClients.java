package io.heraldo.platform;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The configuration of every Kafka client Heraldo makes itself (the deliveries' producer and consumers, the
 * subscriber restore, admin clients): the application's whole {@code kafka.*} configuration — the map Quarkus hands
 * the messaging connector, so TLS, SASL and the rest reach these clients as they reach ingest — with the client's own
 * settings on top. The rules:
 * <ul>
 * <li>A setting only another kind of client defines is left out (a producer's {@code acks} for a consumer). A setting
 * no kind of client defines is kept: it is meant for a plugin (Quarkus' {@code tls-configuration-name} for its SSL
 * engine factory, a login callback's own options), and Kafka only logs what nobody read.</li>
 * <li>Never taken from {@code kafka.*}: the (de)serializers, which Heraldo's clients bring; {@code group.id}, since
 * each of Heraldo's consumers has its own group or none; {@code transactional.id} and {@code group.instance.id}, which
 * several clients sharing one would fence each other off with.</li>
 * <li>A {@code client.id} in {@code kafka.*} becomes {@code <client.id>-<role>-<n>} for each client, so the broker's
 * quotas and logs and the client metrics still name Heraldo and tell its clients apart.</li>
 * <li>The client's own settings win over everything.</li>
 * </ul>
 */
public final class KafkaClients {

    private static final Set<String> NEVER_SHARED = Set.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG);

    private enum Kind {
        PRODUCER, CONSUMER, ADMIN
    }

    /** For each kind of client, the settings only the other kinds define. */
    private static final Map<Kind, Set<String>> OTHERS_ONLY = new EnumMap<>(Kind.class);

    static {
        Map<Kind, Set<String>> names = Map.of(Kind.PRODUCER, ProducerConfig.configNames(),
                Kind.CONSUMER, ConsumerConfig.configNames(), Kind.ADMIN, AdminClientConfig.configNames());
        for (Kind kind : Kind.values()) {
            Set<String> othersOnly = new HashSet<>();
            names.values().forEach(othersOnly::addAll);
            othersOnly.removeAll(names.get(kind));
            OTHERS_ONLY.put(kind, Set.copyOf(othersOnly));
        }
    }

    private final Map<String, Object> shared;
    private final AtomicInteger clients = new AtomicInteger();

    /** @param connector the {@code default-kafka-broker} map: every {@code kafka.*} setting, without the prefix */
    public KafkaClients(Map<String, ?> connector) {
        Map<String, Object> copy = new HashMap<>();
        connector.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        this.shared = Map.copyOf(copy);
    }

    /** A producer's configuration; {@code role} names it in its client id. */
    public Map<String, Object> producer(String role, Map<?, ?> overrides) {
        return merge(Kind.PRODUCER, role, overrides);
    }

    /** A consumer's configuration: no group unless {@code overrides} names one (an assigned consumer). */
    public Map<String, Object> consumer(String role, Map<?, ?> overrides) {
        return merge(Kind.CONSUMER, role, overrides);
    }

    public Map<String, Object> admin(String role) {
        return merge(Kind.ADMIN, role, Map.of());
    }

    /** Where the clients connect ({@code bootstrap.servers}), for operators' eyes. */
    public String bootstrapServers() {
        Object servers = shared.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return servers == null ? "" : servers.toString();
    }

    /** How they connect ({@code security.protocol}, Kafka's default {@code PLAINTEXT} when not set). */
    public String securityProtocol() {
        Object protocol = shared.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        return protocol == null ? CommonClientConfigs.DEFAULT_SECURITY_PROTOCOL : protocol.toString();
    }

    private Map<String, Object> merge(Kind kind, String role, Map<?, ?> overrides) {
        Map<String, Object> config = new HashMap<>();
        Set<String> othersOnly = OTHERS_ONLY.get(kind);
        shared.forEach((key, value) -> {
            if (!NEVER_SHARED.contains(key) && !othersOnly.contains(key)) {
                config.put(key, value);
            }
        });
        Object clientId = config.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        if (clientId != null && !clientId.toString().isBlank()) {
            config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-" + role + "-" + clients.incrementAndGet());
        }
        overrides.forEach((key, value) -> config.put(key.toString(), value));
        return config;
    }
}
