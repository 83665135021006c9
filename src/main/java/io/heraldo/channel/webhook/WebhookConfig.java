package io.heraldo.channel.webhook;

import java.time.Duration;

import io.heraldo.channel.TargetRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code heraldo.webhook.*} of the contract, section 5, that only webhooks use; the rules chat destinations share
 * with them (retries, the private-network guard, disabling) are {@link TargetRules}.
 */
@ConfigMapping(prefix = "heraldo.webhook")
public interface WebhookConfig {

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
