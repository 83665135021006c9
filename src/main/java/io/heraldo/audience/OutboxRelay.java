package io.heraldo.audience;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

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

    private final DataSource dataSource;
    private final MutinyEmitter<String> emitter;
    private final SubscriberTopic topic;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();

    public OutboxRelay(DataSource dataSource, @Channel(AudienceChannels.SUBSCRIBERS_OUT) MutinyEmitter<String> emitter,
            SubscriberTopic topic) {
        this.dataSource = dataSource;
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
            } catch (SQLException | RuntimeException e) {
                // Nothing is lost: the rows stay unpublished and the next run sends them.
                LOG.warnf("Subscriber outbox not relayed yet: %s", e.getMessage());
                return;
            } finally {
                running.unlock();
            }
        }
    }

    private void relayPending() throws SQLException {
        if (!topic.ensure()) {
            return;
        }
        int relayed;
        do {
            relayed = relayBatch();
        } while (relayed == BATCH);
    }

    /** One transaction: claim a batch, publish it, await every ack, mark it. Returns the rows published. */
    private int relayBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!lockRelay(c)) {
                    c.rollback();
                    return 0; // another replica is relaying
                }
                List<Row> rows = claim(c);
                if (!rows.isEmpty()) {
                    publish(rows);
                    markPublished(c, rows);
                }
                c.commit();
                return rows.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean lockRelay(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, RELAY_LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static List<Row> claim(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select id, subscriber_id, payload from subscriber_outbox
                where published_at is null
                order by id
                limit ?
                for update skip locked""")) {
            ps.setInt(1, BATCH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3)));
                }
            }
        }
        return rows;
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

    private static void markPublished(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update subscriber_outbox set published_at = now() where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("int8", rows.stream().map(Row::id).toArray(Long[]::new)));
            ps.executeUpdate();
        }
    }
}
