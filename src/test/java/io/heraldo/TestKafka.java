package io.heraldo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** A plain Kafka producer and consumer on the test broker, as any producer of status events would use. */
public final class TestKafka {

    public static final String STATUS_EVENTS = "status-events";
    public static final String DEAD_LETTERS = "status-events.dlq";

    private static KafkaProducer<String, byte[]> producer;

    private TestKafka() {
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Publishes one record and waits for the broker's acknowledgement. */
    public static void publish(String key, byte[] value, Map<String, String> headers) {
        publish(null, key, value, headers);
    }

    /**
     * A structured-mode CloudEvent on the given partition of status-events (the test broker makes 3), as another
     * producer with another partitioner would write it: records on different partitions have no order between them.
     */
    public static void publishStructured(int partition, String key, String envelope) {
        publish(partition, key, envelope.getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/cloudevents+json"));
    }

    private static void publish(Integer partition, String key, byte[] value, Map<String, String> headers) {
        publish(STATUS_EVENTS, partition, key, value, headers);
    }

    /** One record on any topic (another service's, or an older Heraldo's, say), acknowledged by the broker. */
    public static void publishTo(String topic, String key, String value) {
        publish(topic, null, key, value.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static void publish(String topic, Integer partition, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, key, value);
        headers.forEach((name, headerValue) -> record.headers().add(name, headerValue.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A structured-mode CloudEvent, keyed by its subject. */
    public static void publishStructured(String key, byte[] envelope) {
        publish(key, envelope, Map.of("content-type", "application/cloudevents+json"));
    }

    public static void publishStructured(String key, String envelope) {
        publishStructured(key, envelope.getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Waits until the dead-letter topic holds {@code count} records matching the filter, and returns them. */
    public static List<ConsumerRecord<String, byte[]>> awaitDeadLetters(Predicate<ConsumerRecord<String, byte[]>> filter,
            int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DEAD_LETTERS));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        found.add(record);
                    }
                }
                return found.size() >= count;
            });
        }
        return found;
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
