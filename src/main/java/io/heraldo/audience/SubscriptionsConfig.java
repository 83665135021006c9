package io.heraldo.audience;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.subscriptions.*}: limits of the public subscription endpoint. */
@ConfigMapping(prefix = "heraldo.subscriptions")
public interface SubscriptionsConfig {

    /** Subscription requests per client address ({@code <requests>/<period>}). */
    @WithDefault("10/10m")
    Rate ratePerClient();

    /** Subscription requests per email address: each may send a confirmation mail. */
    @WithDefault("3/1h")
    Rate ratePerEmail();

    /** Count clients by the last {@code X-Forwarded-For} address: only behind a proxy that sets it. */
    @WithDefault("false")
    boolean trustForwardedFor();
}
