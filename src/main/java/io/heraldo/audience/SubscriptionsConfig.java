package io.heraldo.audience;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.subscriptions.*}: limits of the public subscription endpoint, and its confirmation mails. */
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

    /** First wait before a confirmation mail that could not be sent is tried again; it doubles each time. */
    @WithDefault("5s")
    Duration confirmationRetry();

    /** Longest wait between two attempts of a confirmation mail. */
    @WithDefault("10m")
    Duration confirmationRetryMax();

    /** How often queued confirmation mails are looked at (besides right after each subscription request). */
    @WithDefault("1s")
    Duration confirmationCheckInterval();

    /** A confirmation mail still unsent after this long is dropped (the subscriber stays pending). */
    @WithDefault("24h")
    Duration confirmationGiveUpAfter();
}
