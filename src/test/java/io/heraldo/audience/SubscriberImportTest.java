package io.heraldo.audience;

import static io.heraldo.audience.AudienceFixtures.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.TestDatabase;
import io.heraldo.platform.HeraldoConfig;

/**
 * The import's own statements, directly against a PostgreSQL of its own: batches, the skipped addresses, the outbox
 * rows and the change events.
 */
class SubscriberImportTest {

    private static TestDatabase database;

    private final Jdbi jdbi = database.jdbi();
    private final SubscriberJson json = new SubscriberJson(new ObjectMapper());
    private final SubscriberOutbox outbox = new SubscriberOutbox(json);
    private final RecordedEvents<SubscribersChanged> changed = new RecordedEvents<>();
    private final SubscriberImport subscriberImport = new SubscriberImport(jdbi, outbox, changed,
            AudienceFixtures.defaults(HeraldoConfig.class));
    private final SubscriberRepository repository = new SubscriberRepository(jdbi, outbox, changed);

    private String tag;

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

    @BeforeEach
    void fresh() {
        tag = suffix();
    }

    @Test
    void aBatchInsertsNewAddressesConfirmedEachWithItsOutboxRowAndLeavesKnownOnesAsTheyAre() {
        String known = "known-" + tag + "@zbox.test";
        assertThat(subscriberImport.importConfirmed(List.of(new SubscriberCsv.Row(2, known, "es", List.of()))))
                .isEqualTo(1);
        StoredSubscriber knownBefore = stored(known);
        assertThat(changed.fired()).containsExactly(new SubscribersChanged(1));

        String first = "first-" + tag + "@zbox.test";
        String second = "second-" + tag + "@zbox.test";
        int inserted = subscriberImport.importConfirmed(List.of(
                new SubscriberCsv.Row(2, first, "en", List.of("mta", "ldap")),
                new SubscriberCsv.Row(3, "Known-" + tag + "@zbox.test", "en", List.of("mta")),
                new SubscriberCsv.Row(4, second, "es", List.of()),
                new SubscriberCsv.Row(5, "FIRST-" + tag + "@zbox.test", "es", List.of())));

        assertThat(inserted).as("the known address and the repeat within the batch are skipped").isEqualTo(2);
        StoredSubscriber one = stored(first);
        assertThat(one.subscriber().state()).isEqualTo(SubscriberState.CONFIRMED);
        assertThat(one.subscriber().confirmedAt()).isNotNull();
        assertThat(one.subscriber().locale()).isEqualTo("en");
        assertThat(one.subscriber().components()).containsExactly("mta", "ldap");
        assertThat(one.confirmNonce()).isNotBlank();
        assertThat(one.softBounces()).isZero();
        StoredSubscriber two = stored(second);
        assertThat(two.subscriber().components()).isEmpty();
        assertThat(two.subscriber().locale()).isEqualTo("es");
        assertThat(two.confirmNonce()).isNotEqualTo(one.confirmNonce());
        assertThat(stored(known)).as("a known address keeps what it had").isEqualTo(knownBefore);

        // The outbox holds each new subscriber once, whole, as the table has it; the skipped ones got no row.
        assertThat(outbox(one.subscriber().id())).singleElement().satisfies(payload ->
                assertThat(json.read(payload)).isEqualTo(one));
        assertThat(outbox(two.subscriber().id())).singleElement().satisfies(payload ->
                assertThat(json.read(payload)).isEqualTo(two));
        assertThat(outbox(knownBefore.subscriber().id())).hasSize(1);
        assertThat(changed.fired()).as("the fan-out hears of the two new ones")
                .containsExactly(new SubscribersChanged(1), new SubscribersChanged(2));
    }

    @Test
    void anEmptyBatchOrOneOfKnownAddressesWritesNothingAndTellsNobody() {
        String known = "again-" + tag + "@zbox.test";
        subscriberImport.importConfirmed(List.of(new SubscriberCsv.Row(2, known, "es", List.of())));
        int subscribers = count("select count(*) from subscriber");
        int outboxRows = count("select count(*) from subscriber_outbox");

        assertThat(subscriberImport.importConfirmed(List.of())).isZero();
        assertThat(subscriberImport.importConfirmed(List.of(new SubscriberCsv.Row(2, known, "en", List.of()))))
                .isZero();

        assertThat(count("select count(*) from subscriber")).isEqualTo(subscribers);
        assertThat(count("select count(*) from subscriber_outbox")).isEqualTo(outboxRows);
        assertThat(changed.fired()).as("only the first import changed anything")
                .containsExactly(new SubscribersChanged(1));
    }

    @Test
    void aFileLongerThanOneBatchIsImportedWholeAndASecondTimeNotAtAll() throws Exception {
        int rows = SubscriberImport.BATCH + 5;
        StringBuilder csv = new StringBuilder("email,locale,components\n");
        for (int i = 0; i < rows; i++) {
            csv.append("many-").append(i).append('-').append(tag).append("@zbox.test,en,mta\n");
        }
        csv.append("not-an-address,en,\n");
        csv.append("many-0-").append(tag).append("@zbox.test,es,\n");
        csv.append("bad-locale-").append(tag).append("@zbox.test,xx-notalanguage,\n");

        SubscriberImport.Report report = subscriberImport.importCsv(stream(csv));

        assertThat(report.imported()).isEqualTo(rows);
        assertThat(report.skipped()).as("the repeated address").isEqualTo(1);
        assertThat(report.invalidCount()).isEqualTo(2);
        assertThat(report.invalid()).extracting(SubscriberImport.InvalidLine::line).containsExactly(rows + 2, rows + 4);
        List<UUID> ids = jdbi.withHandle(handle -> handle
                .createQuery("select id from subscriber where email like :pattern and state = 'confirmed'")
                .bind("pattern", "many-%-" + tag + "@zbox.test")
                .mapTo(UUID.class)
                .list());
        assertThat(ids).hasSize(rows);
        int outboxRows = jdbi.withHandle(handle -> handle
                .createQuery("select count(*) from subscriber_outbox where subscriber_id = any (:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .mapTo(Integer.class)
                .one());
        assertThat(outboxRows).as("one outbox row per imported subscriber, in both batches").isEqualTo(rows);

        assertThat(changed.fired()).as("one event per batch that inserted")
                .containsExactly(new SubscribersChanged(SubscriberImport.BATCH), new SubscribersChanged(5));

        SubscriberImport.Report again = subscriberImport.importCsv(stream(csv));
        assertThat(again.imported()).isZero();
        assertThat(again.skipped()).isEqualTo(rows + 1);
        assertThat(again.invalidCount()).isEqualTo(2);
        assertThat(changed.fired()).hasSize(2);
    }

    private StoredSubscriber stored(String email) {
        return repository.storedById(repository.byEmail(email).orElseThrow().id()).orElseThrow();
    }

    private List<String> outbox(UUID id) {
        return jdbi.withHandle(handle -> handle
                .createQuery("select payload from subscriber_outbox where subscriber_id = :id order by id")
                .bind("id", id)
                .mapTo(String.class)
                .list());
    }

    private int count(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Integer.class).one());
    }

    private static ByteArrayInputStream stream(CharSequence csv) {
        return new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
