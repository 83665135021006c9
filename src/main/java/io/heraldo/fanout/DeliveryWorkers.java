package io.heraldo.fanout;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import io.heraldo.channel.Channel;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.SendResult;
import io.heraldo.platform.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * One worker per channel on every replica: its own consumer group on the deliveries topic, its own thread and its
 * own pool of {@link Channel#concurrency()} senders, so a slow or stalled channel never holds another. A batch is
 * claimed in the delivery log, sent, its outcomes recorded, and only then are its offsets committed.
 */
@ApplicationScoped
public class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);

    /** Buckets of the delivery latency histogram: a tweet in seconds, a large email fan-out in minutes, retries in hours. */
    static final Duration[] LATENCY_BUCKETS = java.util.stream.Stream.of("PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT2.5S",
            "PT5S", "PT10S", "PT30S", "PT1M", "PT2M", "PT5M", "PT10M", "PT30M", "PT1H", "PT3H", "PT12H")
            .map(Duration::parse).toArray(Duration[]::new);

    private final Instance<Channel> channels;
    private final DeliveryTopic topic;
    private final DeliveryLog log;
    private final FanoutConfig config;
    private final MeterRegistry registry;
    private final Traces traces;
    private final List<Worker> workers = new ArrayList<>();

    public DeliveryWorkers(@Any Instance<Channel> channels, DeliveryTopic topic, DeliveryLog log, FanoutConfig config,
            MeterRegistry registry, Traces traces) {
        this.channels = channels;
        this.topic = topic;
        this.log = log;
        this.config = config;
        this.registry = registry;
        this.traces = traces;
    }

    void start(@Observes StartupEvent startup) {
        for (Channel channel : channels) {
            // One pool of senders per channel: its concurrency limit holds however many consumers feed it.
            ExecutorService senders = Executors.newFixedThreadPool(channel.concurrency(), r -> {
                Thread sender = new Thread(r, "heraldo-send-" + channel.name());
                sender.setDaemon(true);
                return sender;
            });
            for (int i = 0; i < config.workersPerChannel(); i++) {
                Worker worker = new Worker(channel, senders, i);
                workers.add(worker);
                worker.thread.start();
            }
        }
    }

    /**
     * At the start of shutdown, while the datasource is still open: the batches being sent are recorded and the
     * consumers leave their groups. Left to {@code @PreDestroy}, the pool could close first, and a stopped replica's
     * last batches (sent, not recorded) would be sent again after the in-flight timeout.
     */
    void stopping(@Observes ShutdownEvent shutdown) {
        stop();
    }

    /**
     * Every worker is told first, so they finish their batches together; the senders stop only once every worker
     * of their channel is done. Shut down with the first worker, a channel's shared pool dropped the sends its other
     * worker had queued, and that worker waited for them for ever.
     */
    @PreDestroy
    void stop() {
        workers.forEach(Worker::signalStop);
        workers.forEach(Worker::awaitStop);
        workers.forEach(worker -> worker.senders.shutdownNow());
    }

    private final class Worker implements Runnable {

        private final Channel channel;
        private final Thread thread;
        private final ExecutorService senders;
        private volatile boolean running = true;
        private volatile KafkaConsumer<String, byte[]> consumer;
        // Looked up once: sending is the hot path.
        private final Timer latency;
        private final Map<String, io.micrometer.core.instrument.Counter> outcomes = new java.util.HashMap<>();

        Worker(Channel channel, ExecutorService senders, int index) {
            this.channel = channel;
            this.senders = senders;
            this.thread = new Thread(this, "heraldo-deliveries-" + channel.name() + "-" + index);
            this.thread.setDaemon(true);
            this.latency = Timer.builder("heraldo.delivery.latency").tag("channel", channel.name())
                    .description("From the event's time to the channel accepting the delivery")
                    .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
            for (String outcome : List.of("sent", "failed", "retrying", "dead")) {
                outcomes.put(outcome, registry.counter("heraldo.deliveries", "channel", channel.name(), "outcome", outcome));
            }
        }

        @Override
        public void run() {
            while (running) {
                try (KafkaConsumer<String, byte[]> kafka = topic.consumer(channel.name(), 500)) {
                    consumer = kafka;
                    kafka.subscribe(List.of(config.topic()));
                    while (running) {
                        ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(500));
                        if (!records.isEmpty()) {
                            process(records);
                            kafka.commitSync();
                        }
                    }
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException | SQLException e) {
                    // Uncommitted offsets are consumed again after the pause; claims keep that from sending twice.
                    LOG.warnf("Delivery worker for %s paused: %s", channel.name(), e.getMessage());
                    pause();
                }
            }
        }

        private void process(ConsumerRecords<String, byte[]> records) throws SQLException {
            Map<String, DeliveryRecord> mine = new LinkedHashMap<>();
            Map<String, Context> traced = new java.util.HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                Header header = record.headers().lastHeader(DeliveryTopic.CHANNEL_HEADER);
                if (header == null || !channel.name().equals(new String(header.value(), StandardCharsets.UTF_8))) {
                    continue;
                }
                try {
                    DeliveryRecord delivery = topic.read(record.value());
                    mine.put(delivery.id(), delivery);
                    Context parent = traces.extract(record.headers());
                    if (parent != null) {
                        traced.put(delivery.id(), parent);
                    }
                } catch (java.io.IOException e) {
                    LOG.errorf("Unreadable delivery record at %s-%d@%d skipped: %s", record.topic(), record.partition(),
                            record.offset(), e.getMessage());
                }
            }
            if (mine.isEmpty()) {
                return;
            }
            List<String> ids = List.copyOf(mine.keySet());
            for (int from = 0; from < ids.size(); from += config.claimBatch()) {
                sendBatch(mine, traced, ids.subList(from, Math.min(ids.size(), from + config.claimBatch())));
            }
        }

        /** Claims, sends and records one batch: what was sent and not yet recorded is never more than one batch. */
        private void sendBatch(Map<String, DeliveryRecord> mine, Map<String, Context> traced, List<String> ids)
                throws SQLException {
            Map<String, Integer> claimed = log.claim(ids, config.inFlightTimeout());
            List<Future<DeliveryLog.Outcome>> sending = new ArrayList<>(claimed.size());
            // In the order of the records: with concurrency 1 a channel sends one recipient's deliveries in order.
            for (String id : ids) {
                Integer attempt = claimed.get(id);
                if (attempt == null) {
                    continue;
                }
                DeliveryRecord record = mine.get(id);
                DeliveryLog.StoredNotification stored = log.notification(record.notificationId());
                Delivery delivery = new Delivery(record.id(), stored.notification(), channel.name(), record.recipient(),
                        attempt);
                // A retry's record carries no trace (the sweeper put it back): it joins the event's trace from the log.
                Context traceParent = traced.get(id);
                Context parent = traceParent != null ? traceParent : traces.fromTraceParent(stored.traceParent());
                OffsetDateTime eventTime = stored.notification().occurredAt() != null ? stored.notification().occurredAt()
                        : stored.createdAt();
                sending.add(senders.submit(() -> send(delivery, eventTime, parent)));
            }
            List<DeliveryLog.Outcome> outcomes = new ArrayList<>(sending.size());
            for (Future<DeliveryLog.Outcome> future : sending) {
                try {
                    outcomes.add(future.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while sending", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a send failed unexpectedly", e.getCause());
                }
            }
            log.record(outcomes);
        }

        private DeliveryLog.Outcome send(Delivery delivery, OffsetDateTime eventTime, Context parent) {
            Span span = traces.startDelivery(parent, channel.name(), delivery.id(), delivery.notification().id(),
                    delivery.attempt());
            long start = System.nanoTime();
            SendResult result;
            try {
                result = channel.send(delivery);
            } catch (RuntimeException e) {
                result = new SendResult.Retry(e.getClass().getSimpleName() + ": " + e.getMessage(), null, null);
            }
            long durationMs = (System.nanoTime() - start) / 1_000_000;
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            String outcome;
            DeliveryLog.Outcome recorded;
            if (result instanceof SendResult.Sent sent) {
                outcome = "sent";
                recorded = new DeliveryLog.Outcome(delivery.id(), delivery.attempt(), "sent", sent.statusCode(), durationMs,
                        null, null);
                // From the event's time: a producer clock ahead of ours counts as no wait rather than a negative one.
                Duration waited = Duration.between(eventTime, now);
                latency.record(waited.isNegative() ? Duration.ZERO : waited);
            } else if (result instanceof SendResult.Failed failed) {
                outcome = "failed";
                recorded = new DeliveryLog.Outcome(delivery.id(), delivery.attempt(), "failed", failed.statusCode(),
                        durationMs, failed.reason(), null);
            } else {
                SendResult.Retry retry = (SendResult.Retry) result;
                if (RetryPolicy.isExhausted(delivery.attempt(), channel.maxAttempts())) {
                    outcome = "dead";
                    recorded = new DeliveryLog.Outcome(delivery.id(), delivery.attempt(), "dead", retry.statusCode(),
                            durationMs, retry.reason(), null);
                } else {
                    outcome = "retrying";
                    recorded = new DeliveryLog.Outcome(delivery.id(), delivery.attempt(), "retrying", retry.statusCode(),
                            durationMs, retry.reason(), RetryPolicy.nextAttempt(now, channel.retrySchedule(),
                                    delivery.attempt(), retry.after(), ThreadLocalRandom.current()));
                }
            }
            outcomes.get(outcome).increment();
            span.setAttribute("heraldo.delivery.outcome", outcome);
            if (!"sent".equals(outcome)) {
                span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
            }
            span.end();
            return recorded;
        }

        private void pause() {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }

        void signalStop() {
            running = false;
            KafkaConsumer<String, byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        }

        void awaitStop() {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
