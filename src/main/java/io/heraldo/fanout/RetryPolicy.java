package io.heraldo.fanout;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.random.RandomGenerator;

/** When a transiently failed delivery is tried again. Plain functions. */
public final class RetryPolicy {

    private RetryPolicy() {
    }

    /**
     * The time of the next attempt after attempt number {@code attempt} failed: the receiver's own word
     * ({@code Retry-After}, a rate-limit reset) when it gave one, else the {@code attempt}-th delay of the schedule
     * (the last one repeating) with ±20% jitter, so a recovering receiver is not hit by every retry at once.
     */
    public static OffsetDateTime nextAttempt(OffsetDateTime now, List<Duration> schedule, int attempt, Duration after,
            RandomGenerator random) {
        if (after != null && !after.isNegative()) {
            return now.plus(after);
        }
        Duration base = schedule.get(Math.min(Math.max(attempt, 1), schedule.size()) - 1);
        double factor = 0.8 + 0.4 * random.nextDouble();
        return now.plusNanos((long) (base.toNanos() * factor));
    }

    /** Whether a delivery that failed transiently on this attempt is given up. */
    public static boolean isExhausted(int attempt, int maxAttempts) {
        return attempt >= maxAttempts;
    }
}
