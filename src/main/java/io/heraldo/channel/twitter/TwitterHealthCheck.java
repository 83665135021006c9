package io.heraldo.channel.twitter;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** DOWN while X refuses the account's credentials: tweets are waiting and an operator must act. */
@Readiness
@ApplicationScoped
public class TwitterHealthCheck implements HealthCheck {

    private final TwitterConfig config;
    private final TwitterAccess access;

    public TwitterHealthCheck(TwitterConfig config, TwitterAccess access) {
        this.config = config;
        this.access = access;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Twitter channel").withData("enabled", config.enabled());
        TwitterAccess.Pause pause = access.pause();
        if (pause == null) {
            return response.up().build();
        }
        return response.down().withData("reason", pause.reason()).withData("pausedSince", pause.since().toString()).build();
    }
}
