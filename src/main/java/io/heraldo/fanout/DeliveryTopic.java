package io.heraldo.fanout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.platform.KafkaClients;
import io.heraldo.platform.Traces;

/**
 * The {@code heraldo-deliveries} topic: records keyed by recipient, so one recipient's deliveries stay in order and
 * the recipients are spread over the partitions, hence over the replicas. Plain Kafka clients: the planner produces
 * a page and waits for every acknowledgement at once, and each channel's worker owns its consumer.
 */
@ApplicationScoped
public class DeliveryTopic {

    private static final Logger LOG = Logger.getLogger(DeliveryTopic.class);
    static final String CHANNEL_HEADER = "heraldo-channel";

    private final KafkaClients kafka;
    private final FanoutConfig config;
    private final ObjectMapper json;
    private final Traces traces;
    private volatile KafkaProducer<String, byte[]> producer;
    private volatile boolean topicChecked;

    public DeliveryTopic(KafkaClients kafka, FanoutConfig config, ObjectMapper json, Traces traces) {
        this.kafka = kafka;
        this.config = config;
        this.json = json;
        this.traces = traces;
    }

    /** Produces the records and returns once the broker acknowledged all of them. */
    public void send(List<DeliveryRecord> records) {
        KafkaProducer<String, byte[]> producer = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (DeliveryRecord record : records) {
                ProducerRecord<String, byte[]> kafkaRecord = new ProducerRecord<>(config.topic(),
                        record.channel() + ":" + record.recipient().id(), json.writeValueAsBytes(record));
                kafkaRecord.headers().add(CHANNEL_HEADER, record.channel().getBytes(StandardCharsets.UTF_8));
                traces.inject(kafkaRecord.headers());
                acks.add(producer.send(kafkaRecord));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing deliveries", e);
        } catch (ExecutionException | TimeoutException | java.io.IOException e) {
            throw new IllegalStateException("deliveries could not be produced: " + e.getMessage(), e);
        }
    }

    public DeliveryRecord read(byte[] value) throws java.io.IOException {
        return json.readValue(value, DeliveryRecord.class);
    }

    /** A consumer of the topic for one channel: its own group, offsets committed by the worker. */
    public KafkaConsumer<String, byte[]> consumer(String channel, int maxRecords) {
        ensureTopic();
        Properties props = new Properties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "heraldo-deliveries-" + channel);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxRecords));
        // A replica killed without leaving the group keeps its partitions until its session expires.
        long sessionMs = config.consumerSessionTimeout().toMillis();
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionMs));
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(100, sessionMs / 3)));
        return new KafkaConsumer<>(kafka.consumer("deliveries-" + channel, props), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    ensureTopic();
                    Properties props = new Properties();
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
                    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
                    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
                    producer = new KafkaProducer<>(kafka.producer("deliveries", props), new StringSerializer(),
                            new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    /** Creates the topic with enough partitions to share the work, when the cluster does not have it yet. */
    void ensureTopic() {
        if (topicChecked) {
            return;
        }
        try (Admin admin = Admin.create(kafka.admin("deliveries"))) {
            try {
                admin.createTopics(List.of(new NewTopic(config.topic(), config.partitions(), (short) -1))).all()
                        .get(30, TimeUnit.SECONDS);
                LOG.infof("Created topic %s with %d partitions", config.topic(), config.partitions());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    checkPartitions(admin);
                } else {
                    LOG.warnf("Could not create topic %s (%s); it must exist", config.topic(), e.getCause().getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warnf("Could not create topic %s in time; it must exist", config.topic());
        }
        topicChecked = true;
    }

    /**
     * A topic made by someone else (an operator, a broker's auto-creation) may have too few partitions: consumers
     * beyond its partition count idle, so replicas added to share a fan-out would not.
     */
    private void checkPartitions(Admin admin) {
        try {
            int partitions = admin.describeTopics(List.of(config.topic())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(config.topic()).partitions().size();
            if (partitions < config.partitions()) {
                LOG.warnf("Topic %s has %d partitions (heraldo.fanout.partitions is %d): at most %d delivery consumers"
                        + " of a channel (replicas × heraldo.fanout.workers-per-channel) share the work, the others"
                        + " idle; add partitions to spread it wider", config.topic(), partitions, config.partitions(),
                        partitions);
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("Could not describe topic %s: %s", config.topic(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(10));
        }
    }
}
