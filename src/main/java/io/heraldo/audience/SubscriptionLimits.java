package io.heraldo.audience;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The two limits of the subscription endpoint: per client address and per email address. */
@ApplicationScoped
public class SubscriptionLimits {

    private final RateLimiter perClient;
    private final RateLimiter perEmail;
    private final boolean trustForwardedFor;

    public SubscriptionLimits(SubscriptionsConfig config, Clock clock) {
        this.perClient = new RateLimiter(config.ratePerClient(), clock);
        this.perEmail = new RateLimiter(config.ratePerEmail(), clock);
        this.trustForwardedFor = config.trustForwardedFor();
    }

    /** Counts a request of this client; the wait when it is over its limit. */
    public Optional<Duration> client(String remoteAddress, String forwardedFor) {
        return perClient.acquire(ClientAddress.of(remoteAddress, forwardedFor, trustForwardedFor));
    }

    /** Counts a request for this (normalized) address; the wait when it is over its limit. */
    public Optional<Duration> email(String email) {
        return perEmail.acquire(email.toLowerCase(Locale.ROOT));
    }
}
