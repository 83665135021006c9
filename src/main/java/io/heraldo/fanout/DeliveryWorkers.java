package io.heraldo.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.heraldo.channel.Channel;
import io.heraldo.platform.Traces;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The consumers of the deliveries topics on every replica: for each channel, {@code workers-per-channel} consumers of
 * its own topic, its own pool of senders and its own permits ({@link Channel#concurrency()}), so a slow or stalled
 * channel never holds another. A worker claims each page it receives (a page another replica holds is skipped: its
 * holder finishes it, or the sweeper produces it again when the holder's lease runs out), sends it with a
 * {@link PageSender}, and commits its offsets after.
 */
@ApplicationScoped
public class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);

    private final Instance<Channel> channels;
    private final DeliveryTopic topic;
    private final DeliveryPages pages;
    private final Threads threads;
    private final Bursts bursts;
    private final DeliveryLog log;
    private final Attempts attempts;
    private final FanoutConfig config;
    private final Traces traces;
    private final String replica = UUID.randomUUID().toString();
    private final List<Worker> workers = new ArrayList<>();
    private final List<ExecutorService> senderPools = new ArrayList<>();
    private Leases leases;

    public DeliveryWorkers(@Any Instance<Channel> channels, DeliveryTopic topic, DeliveryPages pages, Threads threads,
            Bursts bursts, DeliveryLog log, Attempts attempts, FanoutConfig config, Traces traces) {
        this.channels = channels;
        this.topic = topic;
        this.pages = pages;
        this.threads = threads;
        this.bursts = bursts;
        this.log = log;
        this.attempts = attempts;
        this.config = config;
        this.traces = traces;
    }

    void start(@Observes StartupEvent startup) {
        leases = new Leases(pages, replica, config.inFlightTimeout());
        for (Channel channel : channels) {
            attempts.register(channel);
            // One pool of senders and one set of permits per channel: its concurrency holds however many consumers.
            ExecutorService senders = Executors.newFixedThreadPool(channel.concurrency(), r -> {
                Thread sender = new Thread(r, "heraldo-send-" + channel.name());
                sender.setDaemon(true);
                return sender;
            });
            senderPools.add(senders);
            PageSender sender = new PageSender(channel, senders, new Semaphore(channel.concurrency()), pages, threads,
                    bursts, log, attempts, leases, traces, config, replica);
            for (int i = 0; i < config.workersPerChannel(); i++) {
                Worker worker = new Worker(channel, sender, i);
                workers.add(worker);
                worker.thread.start();
            }
        }
    }

    /**
     * At the start of shutdown, while the datasource is still open: the sends out finish and are recorded, pages not
     * finished are given back, and the consumers leave their groups, so a rolling update sends nothing twice.
     */
    void stopping(@Observes ShutdownEvent shutdown) {
        stop();
    }

    /** Every worker is told first, so they finish together; the senders stop only once every worker is done. */
    @PreDestroy
    void stop() {
        workers.forEach(Worker::signalStop);
        workers.forEach(Worker::awaitStop);
        workers.clear();
        senderPools.forEach(ExecutorService::shutdownNow);
        senderPools.clear();
        if (leases != null) {
            leases.close();
        }
    }

    private final class Worker implements Runnable {

        private final Channel channel;
        private final PageSender sender;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile KafkaConsumer<String, String> consumer;
        /** Pages put aside, by id, with their notification: they wait for an earlier update of their thread. */
        private final Map<String, DeliveryLog.StoredNotification> parked = new LinkedHashMap<>();

        Worker(Channel channel, PageSender sender, int index) {
            this.channel = channel;
            this.sender = sender;
            this.thread = new Thread(this, "heraldo-deliveries-" + channel.name() + "-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                try (KafkaConsumer<String, String> kafka = topic.consumer(channel.name())) {
                    consumer = kafka;
                    kafka.subscribe(List.of(topic.topic(channel.name())));
                    while (running) {
                        // Parked pages are looked at again after every poll: soon after their earlier update settles.
                        ConsumerRecords<String, String> records = kafka.poll(Duration.ofMillis(parked.isEmpty() ? 500 : 50));
                        for (ConsumerRecord<String, String> record : records) {
                            if (!running) {
                                break;
                            }
                            process(record);
                        }
                        if (!records.isEmpty() && running) {
                            commit(kafka);
                        }
                        resumeParked();
                    }
                } catch (WakeupException stopping) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // Uncommitted pages are read again after the pause; claims keep that from sending twice.
                    LOG.warnf("Delivery worker for %s paused: %s", channel.name(), e.getMessage());
                    pause();
                }
            }
        }

        private void process(ConsumerRecord<String, String> record) throws InterruptedException {
            Optional<DeliveryPage> claimed = pages.claim(record.value(), replica, config.inFlightTimeout());
            if (claimed.isEmpty()) {
                return;
            }
            DeliveryPage page = claimed.get();
            DeliveryLog.StoredNotification stored = log.notification(page.notificationId());
            if (sender.waitsForEarlier(stored.notification())) {
                // Not blocking here: the earlier update's pages may be behind this one on this very consumer.
                pages.park(page.id(), replica);
                parked.put(page.id(), stored);
                return;
            }
            // A page the sweeper produced again carries no trace: it joins the event's trace from the log.
            Context parent = traces.extract(record.headers());
            if (parent == null) {
                parent = traces.fromTraceParent(stored.traceParent());
            }
            sender.send(page, stored, parent, () -> running);
        }

        /** Sends the parked pages whose earlier updates settled (one look per notification), in the order parked. */
        private void resumeParked() throws InterruptedException {
            if (parked.isEmpty()) {
                return;
            }
            Map<String, Boolean> waiting = new HashMap<>();
            for (Iterator<Map.Entry<String, DeliveryLog.StoredNotification>> it = parked.entrySet().iterator();
                    it.hasNext() && running;) {
                Map.Entry<String, DeliveryLog.StoredNotification> next = it.next();
                DeliveryLog.StoredNotification stored = next.getValue();
                if (waiting.computeIfAbsent(stored.notification().id(),
                        id -> sender.waitsForEarlier(stored.notification()))) {
                    continue;
                }
                it.remove();
                // Empty when another replica took it meanwhile, or it is done.
                Optional<DeliveryPage> claimed = pages.claim(next.getKey(), replica, config.inFlightTimeout());
                if (claimed.isPresent()) {
                    sender.send(claimed.get(), stored, traces.fromTraceParent(stored.traceParent()), () -> running);
                }
            }
        }

        /** A rebalance while a page was being sent: the pages are recorded, the next owner skips what is done. */
        private void commit(KafkaConsumer<String, String> kafka) {
            try {
                kafka.commitSync();
            } catch (CommitFailedException e) {
                LOG.debugf("Offsets of %s not committed after a rebalance: %s", channel.name(), e.getMessage());
            }
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
            KafkaConsumer<String, String> current = consumer;
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
