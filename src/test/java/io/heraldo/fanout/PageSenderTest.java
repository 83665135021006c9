package io.heraldo.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.heraldo.channel.Channel;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.Recipient;
import io.heraldo.channel.SendResult;
import io.heraldo.platform.Traces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;

/**
 * A worker's claim–send–record cycle on a real PostgreSQL, without Quarkus or Kafka: each entry of a claimed page goes
 * to its channel once, outcomes are recorded as they come, a resumed page sends only what was not recorded, and a
 * replica that loses its page to another stops sending it.
 */
class PageSenderTest {

    private static final Duration LEASE = Duration.ofSeconds(3);

    @RegisterExtension
    static final FanoutDatabase db = new FanoutDatabase();

    private final ExecutorService senders = Executors.newFixedThreadPool(4);
    private final Queue<String> sentTo = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        senders.shutdownNow();
    }

    @Test
    void everyEntryGoesOutOnceAndOnlyWhatFailedKeepsARow() throws Exception {
        Notification notification = db.notification();
        DeliveryPage page = claimed(notification, "replica-a", 6);
        Channel channel = new MassChannel(recipient -> switch (recipient.id()) {
            case "s-2" -> new SendResult.Retry("451 mailbox busy", 451, null);
            case "s-4" -> new SendResult.Failed("550 no such user", 550);
            default -> new SendResult.Sent(250, null);
        });

        send(channel, "replica-a", page, () -> true);

        assertThat(sentTo).containsExactlyInAnyOrder("s-0", "s-1", "s-2", "s-3", "s-4", "s-5");
        assertThat(db.page(page.id(), "state", String.class)).isEqualTo("done");
        assertThat(db.page(page.id(), "sent", Integer.class)).isEqualTo(4);
        assertThat(db.deliveryStates(notification.id())).containsOnly(entry("s-2", "retrying"), entry("s-4", "failed"));
    }

    @Test
    void aResumedPageSendsOnlyTheEntriesNotRecordedBefore() throws Exception {
        Notification notification = db.notification();
        DeliveryPage first = claimed(notification, "replica-a", 5);
        // replica-a recorded its first two sends, then died.
        db.pages().record(first, "replica-a", bits(0, 1), List.of(sent(first, 0), sent(first, 1)), LEASE);
        db.expireLease(first.id());
        DeliveryPage resumed = db.pages().claim(first.id(), "replica-b", LEASE).orElseThrow();

        send(new MassChannel(recipient -> new SendResult.Sent(250, null)), "replica-b", resumed, () -> true);

        assertThat(sentTo).containsExactlyInAnyOrder("s-2", "s-3", "s-4");
        assertThat(db.page(first.id(), "state", String.class)).isEqualTo("done");
        assertThat(db.page(first.id(), "sent", Integer.class)).isEqualTo(5);
    }

    @Test
    void aReplicaThatLostItsPageStopsSendingIt() throws Exception {
        Notification notification = db.notification();
        DeliveryPage page = claimed(notification, "replica-a", 20);
        CountDownLatch third = new CountDownLatch(1);
        CountDownLatch takenOver = new CountDownLatch(1);
        Channel channel = new MassChannel(recipient -> {
            if (recipient.id().equals("s-2")) {
                third.countDown();
                waitFor(takenOver);
            }
            return new SendResult.Sent(250, null);
        }) {
            @Override
            public int concurrency() {
                return 1;
            }
        };
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            var sending = worker.submit(() -> {
                send(channel, "replica-a", page, () -> true);
                return null;
            });
            assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
            // replica-a still records and renews while it waits: the lease runs out between two of its beats.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                db.expireLease(page.id());
                return db.pages().claim(page.id(), "replica-b", LEASE).isPresent();
            });
            takenOver.countDown();
            sending.get(20, TimeUnit.SECONDS);
        } finally {
            worker.shutdownNow();
        }

        assertThat(sentTo).as("the heartbeat found the page gone before the tail was sent").hasSizeLessThan(20);
        assertThat(db.page(page.id(), "claimed_by", String.class)).isEqualTo("replica-b");
        assertThat(db.page(page.id(), "state", String.class)).isEqualTo("sending");
    }

    @Test
    void aStoppingReplicaFinishesWhatIsOutAndGivesTheRestBack() throws Exception {
        Notification notification = db.notification();
        DeliveryPage page = claimed(notification, "replica-a", 10);
        AtomicBoolean running = new AtomicBoolean(true);
        Channel channel = new MassChannel(recipient -> {
            if (recipient.id().equals("s-3")) {
                running.set(false);
            }
            return new SendResult.Sent(250, null);
        }) {
            @Override
            public int concurrency() {
                return 1;
            }
        };

        send(channel, "replica-a", page, running::get);

        assertThat(sentTo).hasSizeBetween(4, 9);
        assertThat(db.page(page.id(), "done_count", Integer.class)).as("every send out was recorded")
                .isEqualTo(sentTo.size());
        assertThat(db.page(page.id(), "state", String.class)).isEqualTo("pending");
        assertThat(db.page(page.id(), "claimed_by", String.class)).isNull();
    }

    private DeliveryPage claimed(Notification notification, String replica, int size) {
        DeliveryPages.Planned planned = db.pages().plan(notification, "email", 0,
                FanoutDatabase.recipients("s", size), false);
        return db.pages().claim(planned.ref().id(), replica, LEASE).orElseThrow();
    }

    private void send(Channel channel, String replica, DeliveryPage page, BooleanSupplier running)
            throws InterruptedException {
        FanoutConfig config = new TestConfig();
        try (Leases leases = new Leases(db.pages(), replica, LEASE)) {
            PageSender sender = new PageSender(channel, senders, new Semaphore(channel.concurrency()), db.pages(),
                    new Threads(db.jdbi()), new Bursts(db.jdbi()), db.log(), new Attempts(new SimpleMeterRegistry()), leases,
                    new Traces(OpenTelemetry.noop()), config, replica);
            Notification notification = db.notification();
            sender.send(page, new DeliveryLog.StoredNotification(notification, OffsetDateTime.now(), null),
                    Context.root(), running);
        }
    }

    private static DeliveryPages.Recorded sent(DeliveryPage page, int index) {
        DeliveryPage.Entry entry = page.entries().get(index);
        return new DeliveryPages.Recorded(entry, new Outcome(entry.id(), 1, "sent", 250, 2, null, null, null));
    }

    private static BitSet bits(int... indexes) {
        BitSet bits = new BitSet();
        for (int i : indexes) {
            bits.set(i);
        }
        return bits;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A channel of many recipients that answers as told and notes whom it sent to. */
    private class MassChannel implements Channel {

        private final Function<Recipient, SendResult> answer;

        MassChannel(Function<Recipient, SendResult> answer) {
            this.answer = answer;
        }

        @Override
        public String name() {
            return "email";
        }

        @Override
        public boolean wants(Notification notification) {
            return true;
        }

        @Override
        public List<Recipient> recipients(Notification notification, String afterId, int limit) {
            return List.of();
        }

        @Override
        public SendResult send(Delivery delivery) {
            sentTo.add(delivery.recipient().id());
            return answer.apply(delivery.recipient());
        }

        @Override
        public boolean logsEveryDelivery() {
            return false;
        }
    }

    /** Records every two outcomes or 50 ms, so a test sees several records in one page. */
    private static final class TestConfig implements FanoutConfig {

        @Override
        public String topic() {
            return "unused";
        }

        @Override
        public int partitions() {
            return 1;
        }

        @Override
        public int pageSize() {
            return 100;
        }

        @Override
        public Duration planLease() {
            return LEASE;
        }

        @Override
        public Duration inFlightTimeout() {
            return LEASE;
        }

        @Override
        public int recordBatch() {
            return 2;
        }

        @Override
        public Duration recordInterval() {
            return Duration.ofMillis(50);
        }

        @Override
        public int workersPerChannel() {
            return 1;
        }

        @Override
        public Duration consumerSessionTimeout() {
            return LEASE;
        }

        @Override
        public Duration sweepInterval() {
            return Duration.ofSeconds(1);
        }
    }
}
