package io.heraldo.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.Delivery;
import io.heraldo.fanout.ThreadOrder.Entry;

class ThreadOrderTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-24T12:00:00Z");
    private static final OffsetDateTime NOW = T0.plusMinutes(10);

    @Test
    void theFirstUpdateStartsTheThread() {
        assertThat(ThreadOrder.decide("a", List.of(waiting("a", 0, "sending")), NOW)).isEqualTo(new ThreadOrder.Post(Delivery.Thread.START));
    }

    @Test
    void aLaterUpdateRepliesToTheLatestTweetBeforeIt() {
        List<Entry> thread = List.of(tweeted("b", 1, "200"), tweeted("a", 0, "100"), waiting("c", 2, "sending"),
                waiting("d", 3, "pending"));

        assertThat(ThreadOrder.decide("c", thread, NOW)).isEqualTo(new ThreadOrder.Post(new Delivery.Thread("100", "200")));
    }

    @Test
    void anUpdateWaitsWhileAnEarlierOneIsRetryingUntilJustAfterItsRetry() {
        Entry retrying = new Entry("a", T0, T0, true, "retrying", NOW.plusSeconds(30), null);

        assertThat(ThreadOrder.decide("b", List.of(retrying, waiting("b", 1, "sending")), NOW))
                .isEqualTo(new ThreadOrder.Wait("a", Duration.ofSeconds(31)));
    }

    @Test
    void anUpdateWaitsForAnEarlierOneNotYetPlannedOrPending() {
        Entry unplanned = new Entry("a", T0, T0, false, null, null, null);
        Entry pending = new Entry("a", T0, T0, true, "pending", null, null);

        assertThat(ThreadOrder.decide("b", List.of(unplanned, waiting("b", 1, "sending")), NOW))
                .isEqualTo(new ThreadOrder.Wait("a", ThreadOrder.RECHECK));
        assertThat(ThreadOrder.decide("b", List.of(pending, waiting("b", 1, "sending")), NOW))
                .isInstanceOf(ThreadOrder.Wait.class);
    }

    @Test
    void refusedDeadAndUntoldUpdatesDoNotHoldTheThreadAndTheReplyGoesToTheTweetBefore() {
        Entry refused = new Entry("b", T0.plusSeconds(1), T0, true, "failed", null, null);
        Entry dead = new Entry("c", T0.plusSeconds(2), T0, true, "dead", null, null);
        Entry silent = new Entry("d", T0.plusSeconds(3), T0, null, null, null, null);
        Entry notInItsAudience = new Entry("f", T0.plusSeconds(3), T0, true, null, null, null);

        assertThat(ThreadOrder.decide("e", List.of(tweeted("a", 0, "100"), refused, dead, silent, notInItsAudience,
                waiting("e", 4, "sending")), NOW)).isEqualTo(new ThreadOrder.Post(new Delivery.Thread("100", "100")));
    }

    @Test
    void anUpdateAlreadyTweetedIsNotTweetedTwice() {
        assertThat(ThreadOrder.decide("a", List.of(tweeted("a", 0, "100")), NOW)).isEqualTo(new ThreadOrder.Posted("100"));
    }

    @Test
    void updatesRecordedInOneTransactionAreOrderedByTheirEventTime() {
        Entry first = new Entry("z-opened", T0, T0, true, "retrying", NOW.plusSeconds(5), null);
        Entry second = new Entry("a-updated", T0, T0.plusSeconds(1), true, "sending", null, null);

        assertThat(ThreadOrder.decide("a-updated", List.of(first, second), NOW)).isInstanceOf(ThreadOrder.Wait.class);
        assertThat(ThreadOrder.decide("z-opened", List.of(first, second), NOW)).isEqualTo(new ThreadOrder.Post(Delivery.Thread.START));
    }

    private static Entry tweeted(String id, int second, String tweetId) {
        return new Entry(id, T0.plusSeconds(second), T0.plusSeconds(second), true, "sent", null, tweetId);
    }

    private static Entry waiting(String id, int second, String state) {
        return new Entry(id, T0.plusSeconds(second), T0.plusSeconds(second), true, state, null, null);
    }
}
