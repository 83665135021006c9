package io.heraldo.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.Recipient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A replica that stalls past its lease while another takes its page over: whatever order the two report in, the
 * delivery ends as the newer attempt left it. The pages here are claimed by the test itself (as two replicas would)
 * and never produced, so no worker of the running application touches them.
 */
@QuarkusTest
class DeliveryTakeoverTest {

    private static final String CHANNEL = "webhook";

    @Inject
    DeliveryPages pages;

    @Inject
    DeliveryLog log;

    @Inject
    NotificationLog notifications;

    @Inject
    DeliveryTopic topic;

    @Inject
    DataSource dataSource;

    @Inject
    Jdbi jdbi;

    @Test
    void aReplicaThatLostItsPageRecordsNothingMoreOfIt() throws Exception {
        Fixture f = fixture();
        DeliveryPage stalled = pages.claim(f.page().ref().id(), "replica-a", Duration.ZERO).orElseThrow();
        assertThat(pages.claim(f.page().ref().id(), "replica-c", Duration.ofMinutes(1))).as("taken over once").isPresent();
        assertThat(pages.claim(f.page().ref().id(), "replica-b", Duration.ofMinutes(1))).as("held by a live replica").isEmpty();

        // replica-c sends and records; replica-a, still alive, reports its stale attempt afterwards.
        assertThat(pages.record(stalled, "replica-c", all(stalled), List.of(recorded(stalled, 1, "sent")),
                Duration.ofMinutes(1))).isTrue();
        assertThat(pages.record(stalled, "replica-a", all(stalled), List.of(recorded(stalled, 1, "retrying")),
                Duration.ofMinutes(1))).as("replica-a lost the page").isFalse();

        DeliveryLog.DeliveryView delivery = view(f);
        assertThat(delivery.state()).isEqualTo("sent");
        assertThat(delivery.nextAttemptAt()).isNull();
        assertThat(delivery.attemptLog()).extracting(DeliveryLog.AttemptView::attempt).containsExactly(1);
    }

    @Test
    void aLateOutcomeOfAnOlderAttemptDoesNotUndoTheNewerOne() throws Exception {
        Fixture f = fixture();
        DeliveryPage first = pages.claim(f.page().ref().id(), "replica-a", Duration.ofMinutes(1)).orElseThrow();
        // The same delivery in a page of retries (attempt 2), claimed by another replica.
        DeliveryPage retry = secondAttempt(f);

        assertThat(pages.record(retry, "replica-b", all(retry), List.of(recorded(retry, 2, "sent")),
                Duration.ofMinutes(1))).isTrue();
        assertThat(pages.record(first, "replica-a", all(first), List.of(recorded(first, 1, "retrying")),
                Duration.ofMinutes(1))).isTrue();

        DeliveryLog.DeliveryView delivery = view(f);
        assertThat(delivery.state()).isEqualTo("sent");
        assertThat(delivery.nextAttemptAt()).isNull();
        assertThat(delivery.attemptLog()).extracting(DeliveryLog.AttemptView::attempt).containsExactly(1, 2);
    }

    @Test
    void theLatestAttemptsOutcomeCountsWhenItArrivesLast() throws Exception {
        Fixture f = fixture();
        DeliveryPage first = pages.claim(f.page().ref().id(), "replica-a", Duration.ofMinutes(1)).orElseThrow();
        DeliveryPage retry = secondAttempt(f);

        assertThat(pages.record(first, "replica-a", all(first), List.of(recorded(first, 1, "sent")),
                Duration.ofMinutes(1))).isTrue();
        assertThat(pages.record(retry, "replica-b", all(retry), List.of(recorded(retry, 2, "failed")),
                Duration.ofMinutes(1))).isTrue();

        assertThat(view(f).state()).isEqualTo("failed");
    }

    private record Fixture(Notification notification, Recipient recipient, DeliveryPages.Planned page) {
    }

    /** A page of one delivery to one endpoint, recorded in the log as a planner would. */
    private Fixture fixture() throws Exception {
        String unique = UUID.randomUUID().toString();
        // notify: a channel nobody has, so no plan is opened and the running planner leaves it alone.
        Notification notification = new Notification("takeover-" + unique, "takeover-" + unique,
                NotificationKind.INCIDENT_OPENED, "inc-" + unique, "Takeover", "investigating", null, "minor", null,
                "en", null, List.of(), OffsetDateTime.now(), OffsetDateTime.now(), null, null, 1, "takeover-" + unique,
                Set.of("nowhere"));
        jdbi.useHandle(handle -> notifications.insert(handle, notification));
        Recipient recipient = new Recipient("r-" + unique, "https://takeover.test/" + unique, "en", Map.of());
        return new Fixture(notification, recipient, pages.plan(notification, CHANNEL, 0, List.of(recipient), true));
    }

    /** The delivery failed once (recorded by nobody yet) and was put in a page of retries, claimed by replica-b. */
    private DeliveryPage secondAttempt(Fixture f) throws Exception {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "update delivery set state = 'retrying', attempts = 1, next_attempt_at = now() - interval '1 second'"
                        + " where notification_id = ?")) {
            ps.setString(1, f.notification().id());
            ps.executeUpdate();
        }
        List<DeliveryPage.Ref> due = pages.requeueDue(1_000, 100);
        String ours;
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "select id from delivery_page where notification_id = ? and retry")) {
            ps.setString(1, f.notification().id());
            try (var rs = ps.executeQuery()) {
                rs.next();
                ours = rs.getString(1);
            }
        }
        // Retries of other tests that came due meanwhile go on their way as the sweeper would have sent them.
        List<DeliveryPage.Ref> others = due.stream().filter(ref -> !ref.id().equals(ours)).toList();
        topic.send(others);
        pages.produced(others.stream().map(DeliveryPage.Ref::id).toList());
        return pages.claim(ours, "replica-b", Duration.ofMinutes(1)).orElseThrow();
    }

    private static BitSet all(DeliveryPage page) {
        BitSet done = new BitSet();
        done.set(0, page.size());
        return done;
    }

    private static DeliveryPages.Recorded recorded(DeliveryPage page, int attempt, String state) {
        DeliveryPage.Entry entry = page.entries().get(0);
        return new DeliveryPages.Recorded(entry, new Outcome(entry.id(), attempt, state, state.equals("sent") ? 200 : 503,
                5, state.equals("sent") ? null : "503 try later",
                state.equals("retrying") ? OffsetDateTime.now().plusMinutes(5) : null, null));
    }

    private DeliveryLog.DeliveryView view(Fixture f) throws Exception {
        return log.deliveriesTo(CHANNEL, f.recipient().id(), 10).stream().findFirst().orElseThrow();
    }
}
