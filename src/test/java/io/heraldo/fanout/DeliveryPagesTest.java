package io.heraldo.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.heraldo.channel.Notification;
import io.heraldo.channel.Recipient;

/**
 * The page table on a real PostgreSQL, without Quarkus: a plan's pages are stable however often it is planned, a page
 * is held by one replica at a time under its lease, and a replica that lost it writes nothing more.
 */
class DeliveryPagesTest {

    private static final String CHANNEL = "email";
    private static final Duration LEASE = Duration.ofMinutes(1);

    @RegisterExtension
    static final FanoutDatabase db = new FanoutDatabase();

    @Test
    void aPlanResumedAfterACrashFindsThePageItRecordedFirst() {
        Notification notification = db.notification();
        List<Recipient> first = FanoutDatabase.recipients("a", 3);

        DeliveryPages.Planned planned = db.pages().plan(notification, CHANNEL, 0, first, false);
        // The planner died before moving its cursor and plans page 0 again from a later read of the audience.
        DeliveryPages.Planned again = db.pages().plan(notification, CHANNEL, 0, FanoutDatabase.recipients("b", 5), false);
        DeliveryPages.Planned next = db.pages().plan(notification, CHANNEL, 1, FanoutDatabase.recipients("c", 2), false);

        assertThat(again.ref().id()).isEqualTo(planned.ref().id());
        assertThat(again.lastRecipientId()).as("the cursor of the page recorded first").isEqualTo("a-2");
        assertThat(again.size()).isEqualTo(3);
        assertThat(next.ref().id()).isNotEqualTo(planned.ref().id());
        assertThat(db.page(planned.ref().id(), "entries", String.class)).contains("a-0", "a-2").doesNotContain("b-0");
        assertThat(db.deliveryStates(notification.id())).as("a mass channel keeps no row for a pending delivery")
                .isEmpty();
    }

    @Test
    void aChannelThatLogsEveryDeliveryHasItsRowsFromThePlanOn() {
        Notification notification = db.notification();

        db.pages().plan(notification, "webhook", 0, FanoutDatabase.recipients("w", 3), true);

        assertThat(db.deliveryStates(notification.id()))
                .containsOnlyKeys("w-0", "w-1", "w-2")
                .allSatisfy((recipient, state) -> assertThat(state).isEqualTo("pending"));
    }

    @Test
    void aPageIsHeldByOneReplicaUntilItsLeaseRunsOut() {
        String id = planned(2);

        assertThat(db.pages().claim(id, "replica-a", LEASE)).isPresent();
        assertThat(db.pages().claim(id, "replica-b", LEASE)).as("held by a live replica").isEmpty();
        assertThat(db.pages().renew(List.of(id), "replica-a", LEASE)).containsExactly(id);

        db.expireLease(id);
        assertThat(db.pages().claim(id, "replica-b", LEASE)).as("taken over once the lease ran out").isPresent();
        assertThat(db.pages().renew(List.of(id), "replica-a", LEASE)).as("replica-a learns it lost the page").isEmpty();
        assertThat(db.page(id, "claimed_by", String.class)).isEqualTo("replica-b");
    }

    @Test
    void progressIsRecordedAsItGoesAndTheTakerResumesAfterIt() {
        String id = planned(4);
        DeliveryPage page = db.pages().claim(id, "replica-a", LEASE).orElseThrow();

        assertThat(db.pages().record(page, "replica-a", done(0, 1), List.of(sent(page, 0), sent(page, 1)), LEASE))
                .isTrue();
        db.expireLease(id);
        DeliveryPage resumed = db.pages().claim(id, "replica-b", LEASE).orElseThrow();

        assertThat(resumed.isDone(0)).isTrue();
        assertThat(resumed.isDone(1)).isTrue();
        assertThat(resumed.isDone(2)).as("the unrecorded tail is sent again").isFalse();
        assertThat(db.pages().record(page, "replica-a", done(0, 1, 2, 3), List.of(sent(page, 2), sent(page, 3)), LEASE))
                .as("the replica that lost the page writes nothing").isFalse();
        assertThat(db.page(id, "done_count", Integer.class)).isEqualTo(2);

        assertThat(db.pages().record(resumed, "replica-b", done(0, 1, 2, 3), List.of(sent(resumed, 2), sent(resumed, 3)),
                LEASE)).isTrue();
        assertThat(db.page(id, "state", String.class)).isEqualTo("done");
        assertThat(db.page(id, "sent", Integer.class)).as("counted on the page, no row each").isEqualTo(4);
        assertThat(db.pages().claim(id, "replica-c", LEASE)).as("a done page is nobody's").isEmpty();
    }

    @Test
    void aMassChannelGetsARowOnlyForWhatDidNotGoOut() {
        Notification notification = db.notification();
        DeliveryPages.Planned planned = db.pages().plan(notification, CHANNEL, 0, FanoutDatabase.recipients("m", 3),
                false);
        DeliveryPage page = db.pages().claim(planned.ref().id(), "replica-a", LEASE).orElseThrow();

        db.pages().record(page, "replica-a", done(0, 1, 2), List.of(sent(page, 0),
                outcome(page, 1, "retrying", OffsetDateTime.now().plusMinutes(5)), outcome(page, 2, "failed", null)),
                LEASE);

        assertThat(db.deliveryStates(notification.id())).containsOnly(
                entry("m-1", "retrying"),
                entry("m-2", "failed"));
    }

    @Test
    void aStoppingReplicaGivesItsPageBackForTheSweeperToProduceAgain() {
        String id = planned(2);
        db.pages().produced(List.of(id));
        db.pages().claim(id, "replica-a", LEASE).orElseThrow();

        db.pages().release(id, "replica-a");

        assertThat(db.page(id, "state", String.class)).isEqualTo("pending");
        assertThat(db.page(id, "produced_at", OffsetDateTime.class)).isNull();
        assertThat(db.pages().claim(id, "replica-b", LEASE)).isPresent();
    }

    @Test
    void aPageWhoseReplicaDiedMidwayIsProducedAgainOnce() {
        String id = planned(2);
        db.pages().produced(List.of(id));
        db.pages().claim(id, "replica-a", LEASE).orElseThrow();
        db.expireLease(id);

        Set<String> lost = ids(db.pages().lost(Duration.ofHours(1), 10_000));
        Set<String> again = ids(db.pages().lost(Duration.ofHours(1), 10_000));

        assertThat(lost).contains(id);
        assertThat(again).as("produced again already: not twice for one death").doesNotContain(id);
    }

    private static Set<String> ids(List<DeliveryPage.Ref> refs) {
        return refs.stream().map(DeliveryPage.Ref::id).collect(Collectors.toSet());
    }

    private static String planned(int size) {
        Notification notification = db.notification();
        return db.pages().plan(notification, CHANNEL, 0, FanoutDatabase.recipients("p", size), false).ref().id();
    }

    private static BitSet done(int... indexes) {
        BitSet done = new BitSet();
        for (int i : indexes) {
            done.set(i);
        }
        return done;
    }

    private static DeliveryPages.Recorded sent(DeliveryPage page, int index) {
        return outcome(page, index, "sent", null);
    }

    private static DeliveryPages.Recorded outcome(DeliveryPage page, int index, String state, OffsetDateTime next) {
        DeliveryPage.Entry entry = page.entries().get(index);
        boolean sent = state.equals("sent");
        return new DeliveryPages.Recorded(entry, new Outcome(entry.id(), 1, state, sent ? 250 : 451, 3,
                sent ? null : "451 try later", next, null));
    }
}
