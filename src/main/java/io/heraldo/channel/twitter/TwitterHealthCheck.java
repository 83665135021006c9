package io.heraldo.channel.twitter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.Wellness;

/**
 * The Twitter channel's state while X refuses the account's credentials: tweets are waiting and an operator must act.
 * <p>
 * Readiness only <em>reports</em> the pause (UP, with the reason in its data): readiness DOWN would take every replica
 * out of its Service at once and the status page would go dark because of X, mid-incident. The wellness check
 * ({@code /q/health/well}, also in {@code /q/health}) is DOWN, for alerting.
 */
@ApplicationScoped
public class TwitterHealthCheck {

    static final String NAME = "Twitter channel";

    private final TwitterConfig config;
    private final TwitterAccess access;

    public TwitterHealthCheck(TwitterConfig config, TwitterAccess access) {
        this.config = config;
        this.access = access;
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck readiness() {
        return () -> response(false);
    }

    @Produces
    @Wellness
    @ApplicationScoped
    HealthCheck wellness() {
        return () -> response(true);
    }

    private HealthCheckResponse response(boolean downWhilePaused) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).withData("enabled", config.enabled());
        TwitterAccess.Pause pause = access.pause();
        if (pause == null) {
            return response.up().withData("paused", false).build();
        }
        response.withData("paused", true).withData("reason", pause.reason()).withData("pausedSince", pause.since().toString());
        return (downWhilePaused ? response.down() : response.up()).build();
    }
}
