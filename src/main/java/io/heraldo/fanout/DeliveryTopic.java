package io.heraldo.fanout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.heraldo.fanout.DeliveryPage.Ref;
import io.heraldo.platform.KafkaClients;
import io.heraldo.platform.Traces;

/**
 * The deliveries topics, one per channel ({@code heraldo-deliveries.<channel>}): a record names a page to claim, so
 * each channel's consumers read only their own work. Records are keyed by page, which spreads the pages over the
 * partitions, hence over the replicas. Plain Kafka clients built from the application's whole {@code kafka.*}
 * configuration: channels are found at run time, so their topics and consumers are too.
 */
@ApplicationScoped
public class DeliveryTopic {

    private static final Logger LOG = Logger.getLogger(DeliveryTopic.class);

    private final KafkaClients clients;
    private final FanoutConfig config;
    private final Traces traces;
    private final Set<String> checkedTopics = ConcurrentHashMap.newKeySet();
    private volatile KafkaProducer<String, String> producer;

    public DeliveryTopic(KafkaClients clients, FanoutConfig config, Traces traces) {
        this.clients = clients;
        this.config = config;
        this.traces = traces;
    }

    /** The topic of one channel's pages. */
    public String topic(String channel) {
        return config.topic() + "." + channel;
    }

    /** Produces the pages' records and returns once the broker acknowledged all of them. */
    public void send(Collection<Ref> pages) {
        if (pages.isEmpty()) {
            return;
        }
        KafkaProducer<String, String> producer = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(pages.size());
        try {
            for (Ref page : pages) {
                ensureTopic(page.channel());
                ProducerRecord<String, String> record = new ProducerRecord<>(topic(page.channel()), page.id(), page.id());
                traces.inject(record.headers());
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing delivery pages", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("delivery pages could not be produced: " + e.getMessage(), e);
        }
    }

    /**
     * A consumer of one channel's topic: its own group, offsets committed by the worker. Few records per poll: each
     * is a page of hundreds of sends.
     */
    public KafkaConsumer<String, String> consumer(String channel) {
        ensureTopic(channel);
        Map<String, Object> own = new HashMap<>();
        own.put(ConsumerConfig.GROUP_ID_CONFIG, "heraldo-deliveries-" + channel);
        own.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        own.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        own.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "4");
        // A page of a slow channel (webhooks timing out) may take minutes; its lease, not the poll, keeps it owned.
        own.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "900000");
        // A replica killed without leaving the group keeps its partitions until its session expires.
        long sessionMs = config.consumerSessionTimeout().toMillis();
        own.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionMs));
        own.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(100, sessionMs / 3)));
        return new KafkaConsumer<>(clients.consumer("deliveries-" + channel, own), new StringDeserializer(),
                new StringDeserializer());
    }

    private KafkaProducer<String, String> producer() {
        KafkaProducer<String, String> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(clients.producer("deliveries", Map.of(
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                            ProducerConfig.LINGER_MS_CONFIG, "1")), new StringSerializer(), new StringSerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    /** Creates a channel's topic with enough partitions to share the work, when the cluster does not have it yet. */
    void ensureTopic(String channel) {
        String topic = topic(channel);
        if (checkedTopics.contains(topic)) {
            return;
        }
        try (Admin admin = Admin.create(clients.admin("deliveries"))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, config.partitions(), (short) -1))).all()
                        .get(30, TimeUnit.SECONDS);
                LOG.infof("Created topic %s with %d partitions", topic, config.partitions());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    checkPartitions(admin, topic);
                } else {
                    LOG.warnf("Could not create topic %s (%s); it must exist", topic, e.getCause().getMessage());
                }
            }
            checkedTopics.add(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warnf("Could not create topic %s in time; it must exist", topic);
        }
    }

    /**
     * A topic made by someone else (an operator, a broker's auto-creation) may have too few partitions: consumers
     * beyond its partition count idle, so replicas added to share a fan-out would not.
     */
    private void checkPartitions(Admin admin, String topic) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
            if (partitions < config.partitions()) {
                LOG.warnf("Topic %s has %d partitions (heraldo.fanout.partitions is %d): at most %d delivery consumers"
                        + " of its channel (replicas × heraldo.fanout.workers-per-channel) share the work, the others"
                        + " idle; add partitions to spread it wider", topic, partitions, config.partitions(), partitions);
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("Could not describe topic %s: %s", topic, e.getMessage());
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
