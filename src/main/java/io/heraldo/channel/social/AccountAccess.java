package io.heraldo.channel.social;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a social account may be called now: the service's rate limit (until its reset) and refused credentials
 * (paused until a probe succeeds). Deliveries that meet either wait in the delivery log as retries; none is lost.
 * One per account (X, Mastodon, Bluesky), shared by its channel and its health check.
 */
public class AccountAccess {

    /** Why the account is paused, and since when; {@code null} while it works. */
    public record Pause(String reason, Instant since) {
    }

    private volatile Instant rateLimitedUntil = Instant.EPOCH;
    private volatile Pause pause;
    private volatile Instant nextProbe = Instant.EPOCH;

    /** How long to wait before calling, or {@link Duration#ZERO} when this call may go (a probe, if paused). */
    public synchronized Duration waitBeforeCall(Instant now, Duration probeInterval) {
        if (now.isBefore(rateLimitedUntil)) {
            return Duration.between(now, rateLimitedUntil);
        }
        if (pause != null) {
            if (now.isBefore(nextProbe)) {
                return Duration.between(now, nextProbe);
            }
            // This call is the probe; the others keep waiting for its answer.
            nextProbe = now.plus(probeInterval);
        }
        return Duration.ZERO;
    }

    public void rateLimitedUntil(Instant reset) {
        rateLimitedUntil = reset;
    }

    public synchronized void pause(String reason, Instant now, Duration probeInterval) {
        if (pause == null) {
            pause = new Pause(reason, now);
        }
        nextProbe = now.plus(probeInterval);
    }

    /** The service accepted a call: the credentials work. True when this ended a pause. */
    public synchronized boolean resume() {
        boolean wasPaused = pause != null;
        pause = null;
        return wasPaused;
    }

    public Pause pause() {
        return pause;
    }
}
