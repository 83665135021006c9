package io.heraldo.fanout;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.generic.GenericType;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.TestDatabase;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.Recipient;

/**
 * The pages and the delivery log over the run's real PostgreSQL ({@link TestDatabase}), without Quarkus, Kafka or a
 * planner: a test plans and claims pages itself, as the workers of two replicas would.
 */
final class FanoutDatabase implements BeforeAllCallback {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private Jdbi jdbi;
    private DeliveryLog log;
    private DeliveryPages pages;

    @Override
    public void beforeAll(ExtensionContext context) {
        jdbi = TestDatabase.shared(context);
        log = new DeliveryLog(jdbi, json);
        pages = new DeliveryPages(jdbi, log, json);
    }

    Jdbi jdbi() {
        return jdbi;
    }

    DeliveryPages pages() {
        return pages;
    }

    DeliveryLog log() {
        return log;
    }

    /** A notification of its own, stored as the intake would (without plans: nobody else plans it). */
    Notification notification() {
        String id = "direct-" + UUID.randomUUID();
        Notification notification = new Notification(id, id, NotificationKind.INCIDENT_OPENED, "inc-" + id, "Direct",
                "investigating", null, "minor", "Looking into it", "en", null, List.of(), OffsetDateTime.now(),
                OffsetDateTime.now(), null, null, 1, id, null);
        jdbi.useHandle(handle -> handle.createUpdate("""
                insert into notification (id, event_id, kind, subject_id, payload, thread_id)
                values (:id, :id, :kind, :subject, '{}', :id)""")
                .bind("id", id).bind("kind", notification.kind().name()).bind("subject", notification.subjectId())
                .execute());
        return notification;
    }

    /** {@code count} recipients named {@code prefix-0}, {@code prefix-1}, … */
    static List<Recipient> recipients(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new Recipient(prefix + "-" + i, prefix + "-" + i + "@example.test", "en", Map.of()))
                .toList();
    }

    /** A column of a page's row. */
    <T> T page(String pageId, String column, Class<T> type) {
        return jdbi.withHandle(handle -> handle.createQuery("select " + column + " from delivery_page where id = :id")
                .bind("id", pageId).mapTo(type).one());
    }

    /** The states of a notification's delivery rows, by recipient. */
    Map<String, String> deliveryStates(String notificationId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                "select recipient, state from delivery where notification_id = :id")
                .bind("id", notificationId)
                .setMapKeyColumn("recipient").setMapValueColumn("state")
                .collectInto(new GenericType<Map<String, String>>() {
                }));
    }

    /**
     * Makes a page's lease run out, as when its replica stopped renewing it: as if the lease's time had passed, so its
     * record (produced before the claim) is older than the lease's end.
     */
    void expireLease(String pageId) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                update delivery_page set lease_until = now() - interval '1 second',
                       produced_at = least(produced_at, now() - interval '2 seconds')
                where id = :id""")
                .bind("id", pageId).execute());
    }
}
