package io.heraldo.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The intake when the database fails while a batch is applied: a failure that passes with time (a serialization
 * failure) is retried, and one about an event itself makes the batch go again one event per transaction, so that
 * event alone is dead-lettered and the others are applied. The failures are made by a trigger on
 * {@code applied_event} that names this test's event ids only.
 */
@QuarkusTest
class EventIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Jdbi jdbi;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void dropTheTrigger() {
        jdbi.useHandle(h -> {
            h.execute("drop trigger if exists intake_test_" + suffix + " on applied_event");
            h.execute("drop function if exists intake_test_" + suffix + "()");
            h.execute("drop sequence if exists intake_test_" + suffix);
        });
    }

    @Test
    void aRetriedFailurePassesAndAnEventTheDatabaseRefusesIsDeadLetteredAloneWhileTheOthersAreApplied() {
        String refused = suffix + "-refused";
        String retried = suffix + "-retried";
        jdbi.useHandle(h -> {
            h.execute("create sequence intake_test_" + suffix);
            h.execute("""
                    create function intake_test_%1$s() returns trigger language plpgsql as $$
                    begin
                        if new.event_id = '%2$s' then
                            raise exception 'refused by the test' using errcode = 'check_violation';
                        end if;
                        if new.event_id = '%3$s' and nextval('intake_test_%1$s') = 1 then
                            raise exception 'conflict made by the test' using errcode = 'serialization_failure';
                        end if;
                        return new;
                    end $$""".formatted(suffix, refused, retried));
            h.execute("create trigger intake_test_%1$s before insert on applied_event for each row execute function intake_test_%1$s()"
                    .formatted(suffix));
        });
        String key = "intake-" + suffix;

        // One key: one partition, read in this order, mostly in one batch.
        TestKafka.publishStructured(key, component(suffix + "-first", "first-" + suffix, "degraded_performance"));
        TestKafka.publishStructured(key, component(refused, "refused-" + suffix, "major_outage"));
        TestKafka.publishStructured(key, component(retried, "retried-" + suffix, "partial_outage"));
        TestKafka.publishStructured(key, component(suffix + "-last", "last-" + suffix, "major_outage"));

        List<ConsumerRecord<String, byte[]>> deadLetters = TestKafka.awaitDeadLetters(r -> key.equals(r.key()), 1);
        assertThat(TestKafka.header(deadLetters.get(0), "dead-letter-reason"))
                .startsWith("could not be stored: ").contains("refused by the test");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(shown("first-" + suffix)).contains("degraded_performance");
            assertThat(shown("retried-" + suffix)).contains("partial_outage");
            assertThat(shown("last-" + suffix)).contains("major_outage");
        });
        assertThat(shown("refused-" + suffix)).as("nothing of the refused event stays").isEmpty();
        long triggered = jdbi.withHandle(h -> h.createQuery("select last_value from intake_test_" + suffix)
                .mapTo(long.class).one());
        assertThat(triggered).as("the event that met a serialization failure was tried again").isGreaterThan(1);
    }

    private Optional<String> shown(String componentId) {
        return jdbi.withHandle(h -> h.createQuery("select status from component where id = :id")
                .bind("id", componentId).mapTo(String.class).findOne());
    }

    private static String component(String eventId, String componentId, String status) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/tests/intake", "type": "component.status_changed",
                 "subject": "%s", "time": "2025-03-10T09:00:00Z", "datacontenttype": "application/json",
                 "data": {"component": {"id": "%s", "status": "%s"}, "notify": []}}"""
                .formatted(eventId, componentId, componentId, status);
    }
}
