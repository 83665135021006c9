package io.heraldo.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

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
    void theReceiversRetryAfterWins() {
        assertThat(RetryPolicy.nextAttempt(NOW, SCHEDULE, 1, Duration.ofSeconds(120), new SplittableRandom(1)))
                .isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(RetryPolicy.isExhausted(7, 8)).isFalse();
        assertThat(RetryPolicy.isExhausted(8, 8)).isTrue();
    }
}
