package io.heraldo.fanout;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.random.RandomGenerator;

import io.heraldo.channel.SendResult.RetryAfter;

/** When a transiently failed delivery is tried again. Plain functions. */
public final class RetryPolicy {

    private RetryPolicy() {
    }

    /**
     * The time of the next attempt after attempt number {@code attempt} failed. The scheduled wait is the
     * {@code attempt}-th delay of the schedule (the last one repeating) with ±20% jitter, so a recovering receiver is
     * not hit by every retry at once. A receiver's hint ({@link RetryAfter.Hint}, e.g. {@code Retry-After}) is
     * honoured between that wait and twice it, as Svix does: it may slow the retries down, never speed them up. A
     * time nothing can pass before ({@link RetryAfter.NotBefore}, e.g. X's rate-limit reset) is waited as it is.
     */
    public static OffsetDateTime nextAttempt(OffsetDateTime now, List<Duration> schedule, int attempt, RetryAfter after,
            RandomGenerator random) {
        if (after instanceof RetryAfter.NotBefore notBefore) {
            return now.plus(notBefore.delay().isNegative() ? Duration.ZERO : notBefore.delay());
        }
        Duration base = schedule.get(Math.min(Math.max(attempt, 1), schedule.size()) - 1);
        Duration scheduled = Duration.ofNanos((long) (base.toNanos() * (0.8 + 0.4 * random.nextDouble())));
        if (after instanceof RetryAfter.Hint hint) {
            return now.plus(within(hint.delay(), scheduled, scheduled.multipliedBy(2)));
        }
        return now.plus(scheduled);
    }

    /** Whether a delivery that failed transiently on this attempt is given up. */
    public static boolean isExhausted(int attempt, int maxAttempts) {
        return attempt >= maxAttempts;
    }

    private static Duration within(Duration wait, Duration least, Duration most) {
        if (wait.compareTo(least) < 0) {
            return least;
        }
        return wait.compareTo(most) > 0 ? most : wait;
    }
}
