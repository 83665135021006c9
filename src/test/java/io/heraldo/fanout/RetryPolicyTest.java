package io.heraldo.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.SendResult.RetryAfter;

class RetryPolicyTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-01-01T00:00:00Z");
    static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30));

    @Test
    void followsTheScheduleWithinTwentyPercentOfJitter() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1_000; i++) {
            OffsetDateTime next = RetryPolicy.nextAttempt(NOW, SCHEDULE, 2, null, random);
            assertThat(Duration.between(NOW, next)).isBetween(Duration.ofSeconds(240), Duration.ofSeconds(360));
        }
    }

    @Test
    void jitterSpreadsTheRetries() {
        SplittableRandom random = new SplittableRandom(7);
        long distinct = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> RetryPolicy.nextAttempt(NOW, SCHEDULE, 1, null, random)).distinct().count();
        assertThat(distinct).isGreaterThan(90);
    }

    @Test
    void theLastDelayRepeats() {
        OffsetDateTime next = RetryPolicy.nextAttempt(NOW, SCHEDULE, 9, null, new SplittableRandom(1));
        assertThat(Duration.between(NOW, next)).isBetween(Duration.ofMinutes(24), Duration.ofMinutes(36));
    }

    @Test
    void aHintOfZeroNeverShortensTheScheduledWait() {
        SplittableRandom random = new SplittableRandom(3);
        for (int attempt = 1; attempt <= 4; attempt++) {
            Duration base = SCHEDULE.get(Math.min(attempt, SCHEDULE.size()) - 1);
            for (int i = 0; i < 200; i++) {
                Duration wait = Duration.between(NOW,
                        RetryPolicy.nextAttempt(NOW, SCHEDULE, attempt, hint(Duration.ZERO), random));
                assertThat(wait).as("attempt " + attempt).isBetween(scaled(base, 0.8), scaled(base, 1.2));
            }
        }
    }

    @Test
    void aHintWithinTheScheduledWaitAndTwiceItIsHonouredExactly() {
        // attempt 2 waits 4-6 min; 7 min lies within [wait, 2 x wait] whatever the jitter drew
        for (long seed = 0; seed < 50; seed++) {
            assertThat(RetryPolicy.nextAttempt(NOW, SCHEDULE, 2, hint(Duration.ofMinutes(7)), new SplittableRandom(seed)))
                    .isEqualTo(NOW.plusMinutes(7));
        }
    }

    @Test
    void aFarHintIsCutToTwiceTheScheduledWait() {
        for (long seed = 0; seed < 50; seed++) {
            OffsetDateTime scheduled = RetryPolicy.nextAttempt(NOW, SCHEDULE, 1, null, new SplittableRandom(seed));
            OffsetDateTime hinted = RetryPolicy.nextAttempt(NOW, SCHEDULE, 1, hint(Duration.ofDays(3)),
                    new SplittableRandom(seed));
            assertThat(Duration.between(NOW, hinted)).isEqualTo(Duration.between(NOW, scheduled).multipliedBy(2));
        }
        // a negative hint (an HTTP date in the past) is a hint of nothing: the schedule
        assertThat(Duration.between(NOW, RetryPolicy.nextAttempt(NOW, SCHEDULE, 1, hint(Duration.ofSeconds(-30)),
                new SplittableRandom(1)))).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
    }

    @Test
    void aTimeNothingCanPassBeforeIsWaitedAsItIs() {
        // X's rate limit resets in 90 s: sooner than the 5 min of attempt 2, later than twice the 5 s of attempt 1
        RetryAfter reset = new RetryAfter.NotBefore(Duration.ofSeconds(90));
        assertThat(RetryPolicy.nextAttempt(NOW, SCHEDULE, 1, reset, new SplittableRandom(1))).isEqualTo(NOW.plusSeconds(90));
        assertThat(RetryPolicy.nextAttempt(NOW, SCHEDULE, 2, reset, new SplittableRandom(1))).isEqualTo(NOW.plusSeconds(90));
        // a reset already past (clocks apart) does not wait at all rather than go back in time
        assertThat(RetryPolicy.nextAttempt(NOW, SCHEDULE, 1, new RetryAfter.NotBefore(Duration.ofSeconds(-5)),
                new SplittableRandom(1))).isEqualTo(NOW);
    }

    private static RetryAfter hint(Duration wait) {
        return RetryAfter.hint(wait);
    }

    private static Duration scaled(Duration base, double factor) {
        return Duration.ofNanos((long) (base.toNanos() * factor));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(RetryPolicy.isExhausted(7, 8)).isFalse();
        assertThat(RetryPolicy.isExhausted(8, 8)).isTrue();
    }
}
