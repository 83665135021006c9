package io.heraldo.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.Recipient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A replica that stalls past the in-flight timeout while another takes its delivery over: whatever order the two
 * outcomes arrive in, the delivery ends as the latest attempt left it. The deliveries here are recorded in the log
 * but never produced, so no worker of the running application touches them.
 */
@QuarkusTest
class DeliveryTakeoverTest {

    private static final String CHANNEL = "email";

    @Inject
    DeliveryLog log;

    @Inject
    NotificationLog notifications;

    @Inject
    DataSource dataSource;

    private String lastId;
    private String lastRecipient;

    @Test
    void aLateOutcomeOfAnAttemptTakenOverDoesNotUndoTheNewerOne() throws Exception {
        String id = takenOverDelivery();

        log.record(List.of(new DeliveryLog.Outcome(id, 2, "sent", 250, 5, null, null)));
        // The stalled replica's attempt 1 reports last, as a transient failure.
        log.record(List.of(new DeliveryLog.Outcome(id, 1, "retrying", 421, 5, "421 try later",
                OffsetDateTime.now().plusMinutes(5))));

        DeliveryLog.DeliveryView delivery = view(id);
        assertThat(delivery.state()).isEqualTo("sent");
        assertThat(delivery.nextAttemptAt()).isNull();
        assertThat(delivery.attemptLog()).extracting(DeliveryLog.AttemptView::attempt).containsExactly(1, 2);
    }

    @Test
    void theLatestAttemptsOutcomeCountsWhenItArrivesLast() throws Exception {
        String id = takenOverDelivery();

        log.record(List.of(new DeliveryLog.Outcome(id, 1, "sent", 250, 5, null, null)));
        log.record(List.of(new DeliveryLog.Outcome(id, 2, "failed", 550, 5, "550 no such user", null)));

        assertThat(view(id).state()).isEqualTo("failed");
    }

    /** A delivery claimed once (attempt 1) and claimed again by a replica that took it for lost (attempt 2). */
    private String takenOverDelivery() throws Exception {
        String unique = UUID.randomUUID().toString();
        // notify: a channel nobody has, so no plan is opened and the running planner leaves it alone.
        Notification notification = new Notification("takeover-" + unique, "takeover-" + unique,
                NotificationKind.INCIDENT_OPENED, "inc-" + unique, "Takeover", "investigating", null, "minor", null,
                "en", null, List.of(), OffsetDateTime.now(), OffsetDateTime.now(), null, null, 1, "takeover-" + unique,
                Set.of("nowhere"));
        try (Connection c = dataSource.getConnection()) {
            notifications.insert(c, notification);
        }
        Recipient recipient = new Recipient("r-" + unique, unique + "@takeover.test", "en", Map.of());
        log.plan(notification, CHANNEL, List.of(recipient));
        String id = Delivery.idOf(notification.id(), CHANNEL, recipient.id());
        lastId = id;
        lastRecipient = recipient.id();

        assertThat(log.claim(List.of(id), Duration.ofMinutes(2))).containsEntry(id, 1);
        assertThat(log.claim(List.of(id), Duration.ofMinutes(2))).as("in flight elsewhere").isEmpty();
        assertThat(log.claim(List.of(id), Duration.ZERO)).as("taken for lost").containsEntry(id, 2);
        return id;
    }

    private DeliveryLog.DeliveryView view(String id) throws Exception {
        String recipient = id.equals(lastId) ? lastRecipient : null;
        return log.deliveriesTo(CHANNEL, recipient, 10).stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow();
    }
}
