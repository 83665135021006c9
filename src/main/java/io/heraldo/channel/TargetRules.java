package io.heraldo.channel;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The delivery rules every channel of targets an operator registers (webhook endpoints, chat destinations) shares,
 * under the webhooks' names of the contract (sections 5 and 6): the retry schedule, the private-network guard, and
 * how long a failing target is tried before it is disabled.
 */
@ConfigMapping(prefix = "heraldo.webhook")
public interface TargetRules {

    /**
     * Waits before the 2nd, 3rd… attempt (±20% jitter; a {@code Retry-After} or a service's own hint may lengthen a
     * wait up to twice, never shorten it); one attempt more than entries.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Lets targets resolve to loopback, private, link-local… addresses: for tests and closed networks only. */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** A target that has failed every attempt for this long is disabled. */
    @WithDefault("5d")
    Duration disableAfter();
}
