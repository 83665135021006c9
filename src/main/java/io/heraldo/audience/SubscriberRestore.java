package io.heraldo.audience;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

import io.heraldo.platform.KafkaClients;

/**
 * Rebuilds the subscriber table from {@code heraldo-subscribers}: reads it from the beginning up to the end it had
 * when the restore started, keeps the last version of each subscriber, and writes them all in one transaction
 * ({@link #write}).
 */
@ApplicationScoped
public class SubscriberRestore {

    private static final Logger LOG = Logger.getLogger(SubscriberRestore.class);
    private static final Duration MAX_READ = Duration.ofMinutes(10);

    /** What became of the topic's subscribers; {@code unreadable} are records that are not subscribers (skipped). */
    public record Result(int restored, int newerInTable, int conflicts, int notOnTopic, int unreadable) {
    }

    /** The last version of each subscriber on the topic. */
    record Versions(Map<UUID, StoredSubscriber> latest, int unreadable) {
    }

    /** What writing the versions did to the table; see {@link #write}. */
    record Written(int restored, int newerInTable, int conflicts, int notOnTopic) {
    }

    private final SubscriberTopic topic;
    private final KafkaClients kafka;
    private final SubscriberJson json;
    private final Jdbi jdbi;

    public SubscriberRestore(SubscriberTopic topic, KafkaClients kafka, SubscriberJson json, Jdbi jdbi) {
        this.topic = topic;
        this.kafka = kafka;
        this.json = json;
        this.jdbi = jdbi;
    }

    public Result restore() {
        Versions versions = read();
        List<StoredSubscriber> winners = new ArrayList<>();
        List<UUID> superseded = new ArrayList<>();
        oneSubscriberPerAddress(versions.latest().values(), winners, superseded);
        Written result = write(winners, superseded);
        LOG.infof("Restored %d subscribers from %s (%d newer in the table, %d conflicts, %d not on the topic, "
                + "%d unreadable records)", result.restored(), topic.name(), result.newerInTable(), result.conflicts(),
                result.notOnTopic(), versions.unreadable());
        return new Result(result.restored(), result.newerInTable(), result.conflicts(), result.notOnTopic(),
                versions.unreadable());
    }

    /**
     * Two subscribers on the topic with one address (a new subscriber after the old one's row was lost, say): the
     * most recently changed one keeps it, the other is superseded.
     */
    static void oneSubscriberPerAddress(Collection<StoredSubscriber> latest, List<StoredSubscriber> winners,
            List<UUID> superseded) {
        Map<String, StoredSubscriber> byAddress = new LinkedHashMap<>();
        for (StoredSubscriber candidate : latest) {
            String address = candidate.subscriber().email().toLowerCase(Locale.ROOT);
            StoredSubscriber held = byAddress.get(address);
            if (held == null) {
                byAddress.put(address, candidate);
            } else if (newer(candidate, held)) {
                superseded.add(held.subscriber().id());
                byAddress.put(address, candidate);
            } else {
                superseded.add(candidate.subscriber().id());
            }
        }
        winners.addAll(byAddress.values());
    }

    private static boolean newer(StoredSubscriber a, StoredSubscriber b) {
        OffsetDateTime ta = a.subscriber().updatedAt();
        OffsetDateTime tb = b.subscriber().updatedAt();
        int byTime = ta.compareTo(tb);
        return byTime != 0 ? byTime > 0 : a.subscriber().createdAt().isAfter(b.subscriber().createdAt());
    }

    /** A plain consumer with no group: assigned every partition, it reads from the start to the end seen first. */
    Versions read() {
        Map<String, Object> config = kafka.consumer("subscriber-restore", Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000"));
        Map<UUID, StoredSubscriber> latest = new HashMap<>();
        int unreadable = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return new Versions(latest, 0);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(MAX_READ);
            while (!reachedEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading " + topic.name() + " took longer than " + MAX_READ);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // written after the restore started
                    }
                    if (record.value() == null) {
                        remove(latest, record.key()); // a tombstone: the subscriber is gone
                        continue;
                    }
                    try {
                        StoredSubscriber version = json.read(record.value());
                        latest.put(version.subscriber().id(), version);
                    } catch (IllegalArgumentException e) {
                        unreadable++;
                        LOG.warnf("%s-%d@%d is not a subscriber, skipped: %s", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                    }
                }
            }
        }
        return new Versions(latest, unreadable);
    }

    /**
     * Rebuilds subscribers from their last published versions, in one transaction, without touching the outbox
     * (they are on the topic already).
     * <p>
     * Every version is written by id unless the table holds a newer one. An address belongs to one subscriber: the
     * table's subscribers that are not on the topic keep theirs, and a version whose address another subscriber holds
     * is not restored ({@code conflicts}). {@code superseded} are ids on the topic whose address the topic gives to a
     * later subscriber: their rows are removed.
     */
    Written write(Collection<StoredSubscriber> versions, Collection<UUID> superseded) {
        int n = versions.size();
        UUID[] ids = new UUID[n];
        String[][] columns = new String[9][n];
        Integer[] bounces = new Integer[n];
        int i = 0;
        for (StoredSubscriber stored : versions) {
            Subscriber v = stored.subscriber();
            ids[i] = v.id();
            columns[0][i] = v.email();
            columns[1][i] = v.locale();
            columns[2][i] = String.join(";", v.components());
            columns[3][i] = v.state().wire();
            columns[4][i] = stored.confirmNonce();
            columns[5][i] = SubscriberJson.time(v.createdAt());
            columns[6][i] = SubscriberJson.time(v.updatedAt());
            columns[7][i] = SubscriberJson.time(v.confirmedAt());
            columns[8][i] = v.kinds().wire();
            bounces[i] = stored.softBounces();
            i++;
        }
        UUID[] gone = superseded.toArray(UUID[]::new);
        UUID[] onTopic = new UUID[ids.length + gone.length];
        System.arraycopy(ids, 0, onTopic, 0, ids.length);
        System.arraycopy(gone, 0, onTopic, ids.length, gone.length);
        return jdbi.inTransaction(handle -> {
            // Subscriptions wait for the restore rather than race it; reads go on.
            handle.execute("lock table subscriber in share row exclusive mode");
            handle.execute("create temporary table restoring (like subscriber) on commit drop");
            handle.createUpdate("delete from subscriber where id = any(:superseded)").bind("superseded", gone).execute();
            handle.createUpdate("""
                    insert into restoring (id, email, locale, components, kinds, state, confirm_nonce, created_at,
                                           updated_at, confirmed_at, soft_bounces)
                    select u.id, u.email, u.locale, string_to_array(u.components, ';'), u.kinds, u.state, u.nonce,
                           u.created_at::timestamptz, u.updated_at::timestamptz, u.confirmed_at::timestamptz, u.bounces
                    from unnest(:ids::uuid[], :emails::text[], :locales::text[], :components::text[], :kinds::text[],
                                :states::text[], :nonces::text[], :createdAt::text[], :updatedAt::text[],
                                :confirmedAt::text[], :bounces::int[])
                         as u (id, email, locale, components, kinds, state, nonce, created_at, updated_at, confirmed_at,
                               bounces)
                    """)
                    .bind("ids", ids)
                    .bind("emails", columns[0])
                    .bind("locales", columns[1])
                    .bind("components", columns[2])
                    .bind("kinds", columns[8])
                    .bind("states", columns[3])
                    .bind("nonces", columns[4])
                    .bind("createdAt", columns[5])
                    .bind("updatedAt", columns[6])
                    .bind("confirmedAt", columns[7])
                    .bind("bounces", bounces)
                    .execute();
            int conflicts = handle.createUpdate("""
                    delete from restoring r using subscriber s
                    where lower(s.email) = lower(r.email) and s.id <> r.id""").execute();
            int restored = handle.createUpdate("""
                    insert into subscriber (id, email, locale, components, kinds, state, confirm_nonce, soft_bounces,
                                            created_at, updated_at, confirmed_at)
                    select id, email, locale, components, kinds, state, confirm_nonce, soft_bounces, created_at,
                           updated_at, confirmed_at
                    from restoring
                    on conflict (id) do update set email = excluded.email, locale = excluded.locale,
                           components = excluded.components, kinds = excluded.kinds, state = excluded.state,
                           confirm_nonce = excluded.confirm_nonce, soft_bounces = excluded.soft_bounces,
                           created_at = excluded.created_at, updated_at = excluded.updated_at,
                           confirmed_at = excluded.confirmed_at
                    where subscriber.updated_at <= excluded.updated_at""").execute();
            int notOnTopic = handle.createQuery("select count(*) from subscriber where not (id = any(:onTopic))")
                    .bind("onTopic", onTopic)
                    .mapTo(Integer.class)
                    .one();
            return new Written(restored, n - conflicts - restored, conflicts, notOnTopic);
        });
    }

    private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void remove(Map<UUID, StoredSubscriber> latest, String key) {
        try {
            latest.remove(UUID.fromString(key));
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            // not one of ours
        }
    }
}
