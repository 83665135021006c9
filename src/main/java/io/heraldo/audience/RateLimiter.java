package io.heraldo.audience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sliding-window limit per key, in memory: at most {@code permits} requests in any period of {@code per}. Each
 * replica counts on its own, which is enough to stop one client from flooding mailboxes.
 */
public final class RateLimiter {

    /** Forgotten keys are swept every so many requests, so the map only holds keys seen within one period. */
    private static final int SWEEP_EVERY = 1024;

    private final Rate rate;
    private final Clock clock;
    private final Map<String, ArrayDeque<Instant>> windows = new ConcurrentHashMap<>();
    private final AtomicInteger untilSweep = new AtomicInteger(SWEEP_EVERY);

    public RateLimiter(Rate rate, Clock clock) {
        this.rate = rate;
        this.clock = clock;
    }

    /**
     * Counts one request of {@code key}. Empty when it may go ahead; otherwise how long until it would be allowed
     * (a refused request is not counted).
     */
    public Optional<Duration> acquire(String key) {
        if (untilSweep.decrementAndGet() <= 0) {
            untilSweep.set(SWEEP_EVERY);
            sweep();
        }
        Instant now = clock.instant();
        Duration[] wait = new Duration[1];
        windows.compute(key, (k, window) -> {
            ArrayDeque<Instant> w = window == null ? new ArrayDeque<>() : window;
            expire(w, now);
            if (w.size() >= rate.permits()) {
                wait[0] = Duration.between(now, w.peekFirst().plus(rate.per()));
            } else {
                w.addLast(now);
            }
            return w;
        });
        return Optional.ofNullable(wait[0]);
    }

    /** Keys currently remembered (for tests and metrics). */
    int size() {
        return windows.size();
    }

    void sweep() {
        Instant now = clock.instant();
        windows.keySet().forEach(key -> windows.computeIfPresent(key, (k, w) -> {
            expire(w, now);
            return w.isEmpty() ? null : w;
        }));
    }

    private void expire(ArrayDeque<Instant> window, Instant now) {
        Instant horizon = now.minus(rate.per());
        while (!window.isEmpty() && !window.peekFirst().isAfter(horizon)) {
            window.removeFirst();
        }
    }
}
