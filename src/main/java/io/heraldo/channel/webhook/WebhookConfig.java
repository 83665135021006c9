package io.heraldo.channel.webhook;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.webhook.*} of the contract, section 5. */
@ConfigMapping(prefix = "heraldo.webhook")
public interface WebhookConfig {

    /**
     * Waits before the 2nd, 3rd… attempt (±20% jitter; a {@code Retry-After} may lengthen a wait up to twice, never
     * shorten it); one attempt more than entries.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Lets targets resolve to loopback, private, link-local… addresses: for tests and closed networks only. */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** An endpoint that has failed every attempt for this long is disabled. */
    @WithDefault("5d")
    Duration disableAfter();

    /** Deliveries in flight at once on one replica, all endpoints together. */
    @WithDefault("16")
    int concurrency();

    /** Deliveries in flight at once to one endpoint, so one slow receiver cannot take every sender. */
    @WithDefault("2")
    int endpointConcurrency();

    @WithDefault("5s")
    Duration connectTimeout();

    /** The whole exchange, from connecting to the last byte of the answer. */
    @WithDefault("15s")
    Duration timeout();
}
