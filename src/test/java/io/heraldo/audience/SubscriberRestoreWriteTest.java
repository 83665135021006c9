package io.heraldo.audience;

import static io.heraldo.audience.AudienceFixtures.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.TestDatabase;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.KafkaClients;

/**
 * The restore's statements, directly against a PostgreSQL of its own: which versions read from the topic are written,
 * which the table keeps, and what it counts. (The whole restore from the topic: {@code admin.SubscriberRestoreTest}.)
 */
class SubscriberRestoreWriteTest {

    private static TestDatabase database;

    private final Jdbi jdbi = database.jdbi();
    private final SubscriberJson json = new SubscriberJson(new ObjectMapper());
    private final SubscriberOutbox outbox = new SubscriberOutbox(json);
    private final RecordedEvents<SubscribersChanged> changed = new RecordedEvents<>();
    private final SubscriberImport subscriberImport = new SubscriberImport(jdbi, outbox, changed,
            AudienceFixtures.defaults(HeraldoConfig.class));
    private final SubscriberRepository repository = new SubscriberRepository(jdbi, outbox, changed);
    // Writing reads no topic: the broker is never reached.
    private final KafkaClients kafka = new KafkaClients(Map.of());
    private final SubscriberRestore restore = new SubscriberRestore(
            new SubscriberTopic(kafka, AudienceFixtures.defaults(SubscribersConfig.class)), kafka, json, jdbi);

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    /** Every test starts from an empty table, so what the restore counts is known exactly. */
    @BeforeEach
    void empty() {
        jdbi.useHandle(handle -> handle.execute("truncate subscriber, subscriber_outbox"));
    }

    @Test
    void versionsAreWrittenUnlessTheTableIsNewerOrTheAddressIsAnotherSubscribers() {
        String tag = suffix();
        String changed = "changed-" + tag + "@zbox.test";
        String newer = "newer-" + tag + "@zbox.test";
        String holder = "holder-" + tag + "@zbox.test";
        String superseded = "superseded-" + tag + "@zbox.test";
        subscriberImport.importConfirmed(List.of(row(changed), row(newer), row(holder), row(superseded)));
        StoredSubscriber changedBefore = stored(changed);
        StoredSubscriber newerInTable = stored(newer);
        StoredSubscriber holderBefore = stored(holder);
        UUID supersededId = stored(superseded).subscriber().id();

        Subscriber c = changedBefore.subscriber();
        StoredSubscriber changedVersion = new StoredSubscriber(new Subscriber(c.id(), c.email(), "en", List.of("ldap"),
                SubscriberState.UNSUBSCRIBED, c.createdAt(), c.updatedAt().plusMinutes(1), c.confirmedAt()),
                "restored-nonce", 2);
        Subscriber n = newerInTable.subscriber();
        StoredSubscriber olderVersion = new StoredSubscriber(new Subscriber(n.id(), n.email(), n.locale(), List.of(),
                SubscriberState.SUPPRESSED, n.createdAt(), n.updatedAt().minusMinutes(1), n.confirmedAt()),
                newerInTable.confirmNonce(), 3);
        OffsetDateTime at = OffsetDateTime.of(2026, 3, 1, 10, 15, 30, 123_456_000, ZoneOffset.UTC);
        StoredSubscriber conflicting = new StoredSubscriber(new Subscriber(UUID.randomUUID(),
                "HOLDER-" + tag + "@zbox.test", "es", List.of(), SubscriberState.CONFIRMED, at, at, at), "n1", 0);
        StoredSubscriber missing = new StoredSubscriber(new Subscriber(UUID.randomUUID(), "missing-" + tag + "@zbox.test",
                "en", List.of("mta", "ldap"), SubscriberState.PENDING, at, at.plusSeconds(5), null), "n2", 1);
        List<UUID> named = List.of(c.id(), n.id(), conflicting.subscriber().id(), missing.subscriber().id(),
                supersededId);
        int outboxBefore = outboxRows(named);

        SubscriberRestore.Written written = restore.write(
                List.of(changedVersion, olderVersion, conflicting, missing), List.of(supersededId));

        assertThat(written.restored()).isEqualTo(2);
        assertThat(written.newerInTable()).isEqualTo(1);
        assertThat(written.conflicts()).isEqualTo(1);
        assertThat(written.notOnTopic()).as("the table's subscribers the topic does not name: the holder")
                .isEqualTo(1);
        assertThat(stored(changed)).as("every column of the version, nonce and bounces included")
                .isEqualTo(changedVersion);
        assertThat(repository.storedById(missing.subscriber().id())).hasValue(missing);
        assertThat(stored(newer)).as("the table's newer row stays").isEqualTo(newerInTable);
        assertThat(stored(holder)).as("an address stays with the subscriber that holds it").isEqualTo(holderBefore);
        assertThat(repository.byId(conflicting.subscriber().id())).isEmpty();
        assertThat(repository.byId(supersededId)).as("a superseded subscriber's row goes").isEmpty();
        assertThat(outboxRows(named)).as("a restore writes no outbox rows").isEqualTo(outboxBefore);
    }

    @Test
    void nothingToRestoreChangesNothing() {
        String tag = suffix();
        String kept = "kept-" + tag + "@zbox.test";
        subscriberImport.importConfirmed(List.of(row(kept)));
        StoredSubscriber before = stored(kept);

        SubscriberRestore.Written written = restore.write(List.of(), List.of());

        assertThat(written.restored()).isZero();
        assertThat(written.newerInTable()).isZero();
        assertThat(written.conflicts()).isZero();
        assertThat(written.notOnTopic()).isEqualTo(1);
        assertThat(stored(kept)).isEqualTo(before);
    }

    private static SubscriberCsv.Row row(String email) {
        return new SubscriberCsv.Row(2, email, "es", List.of("mta"));
    }

    private StoredSubscriber stored(String email) {
        return repository.storedById(repository.byEmail(email).orElseThrow().id()).orElseThrow();
    }

    private int outboxRows(List<UUID> ids) {
        return jdbi.withHandle(handle -> handle
                .createQuery("select count(*) from subscriber_outbox where subscriber_id = any (:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .mapTo(Integer.class)
                .one());
    }
}
