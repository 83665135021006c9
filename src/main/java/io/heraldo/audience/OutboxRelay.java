package io.heraldo.audience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes the subscriber outbox to {@code heraldo-subscribers}, in outbox order, keyed by subscriber id, and marks
 * each row published only once the broker acknowledged it. A crash in between publishes some rows again: the topic
 * is compacted and the value is the whole subscriber, so a repeat changes nothing.
 * <p>
 * Replicas share the outbox. Rows are claimed {@code for update skip locked}, and one replica at a time relays (a
 * transaction-scoped advisory lock): two relays working on different rows could publish two changes of the same
 * subscriber out of order, and the topic would keep the older.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Rows per transaction. */
    static final int BATCH = 500;
    /** Records in flight at once: below the emitter's buffer. */
    private static final int IN_FLIGHT = 100;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
    /** The advisory lock that lets one replica relay at a time ("heraldo-subscriber-outbox"). */
    private static final long RELAY_LOCK = 0x4865_7261_6c64_6f01L;

    private record Row(long id, UUID subscriberId, String payload) {
    }

    private final Jdbi jdbi;
    private final MutinyEmitter<String> emitter;
    private final SubscriberTopic topic;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();

    public OutboxRelay(Jdbi jdbi, @Channel(AudienceChannels.SUBSCRIBERS_OUT) MutinyEmitter<String> emitter,
            SubscriberTopic topic) {
        this.jdbi = jdbi;
        this.emitter = emitter;
        this.topic = topic;
    }

    /** Not before start-up is over: the emitter's channel is connected only then. */
    @Scheduled(every = "${heraldo.subscribers.relay-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        relay();
    }

    /** Right after a change, so it reaches the topic without waiting for the next tick. */
    void onChange(@ObservesAsync SubscribersChanged change) {
        relay();
    }

    /**
     * Publishes everything unpublished. Calls while a relay runs here are folded into it: it goes round once more
     * before it stops, so rows committed meanwhile are not left for the next tick.
     */
    public void relay() {
        requested.set(true);
        while (requested.get() && running.tryLock()) {
            try {
                requested.set(false);
                relayPending();
            } catch (RuntimeException e) {
                // Nothing is lost: the rows stay unpublished and the next run sends them.
                LOG.warnf("Subscriber outbox not relayed yet: %s", e.getMessage());
                return;
            } finally {
                running.unlock();
            }
        }
    }

    private void relayPending() {
        if (!topic.ensure()) {
            return;
        }
        int relayed;
        do {
            relayed = relayBatch();
        } while (relayed == BATCH);
    }

    /** One transaction: claim a batch, publish it, await every ack, mark it. Returns the rows published. */
    private int relayBatch() {
        return jdbi.inTransaction(handle -> {
            if (!lockRelay(handle)) {
                return 0; // another replica is relaying
            }
            List<Row> rows = claim(handle);
            if (!rows.isEmpty()) {
                publish(rows);
                markPublished(handle, rows);
            }
            return rows.size();
        });
    }

    private static boolean lockRelay(Handle handle) {
        return handle.createQuery("select pg_try_advisory_xact_lock(:lock)")
                .bind("lock", RELAY_LOCK)
                .mapTo(Boolean.class)
                .one();
    }

    private static List<Row> claim(Handle handle) {
        return handle.createQuery("""
                select id, subscriber_id, payload from subscriber_outbox
                where published_at is null
                order by id
                limit :limit
                for update skip locked""")
                .bind("limit", BATCH)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3)))
                .list();
    }

    /** Sends in order (the producer keeps the order of a key's records) and waits for every acknowledgement. */
    private void publish(List<Row> rows) {
        for (int from = 0; from < rows.size(); from += IN_FLIGHT) {
            List<Uni<Void>> acks = new ArrayList<>(IN_FLIGHT);
            for (Row row : rows.subList(from, Math.min(rows.size(), from + IN_FLIGHT))) {
                OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                        .withKey(row.subscriberId().toString())
                        .build();
                acks.add(emitter.sendMessage(Message.of(row.payload()).addMetadata(metadata)));
            }
            Uni.join().all(acks).andFailFast().await().atMost(ACK_TIMEOUT);
        }
    }

    private static void markPublished(Handle handle, List<Row> rows) {
        handle.createUpdate("update subscriber_outbox set published_at = now() where id = any(:ids)")
                .bind("ids", rows.stream().map(Row::id).toArray(Long[]::new))
                .execute();
    }
}
