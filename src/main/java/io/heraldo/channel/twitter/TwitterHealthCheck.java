package io.heraldo.channel.twitter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import io.heraldo.channel.social.AccountHealth;
import io.smallrye.health.api.Wellness;

/**
 * The Twitter channel's state while X refuses the account's credentials: readiness reports the pause and stays UP,
 * wellness is DOWN for alerting ({@link AccountHealth}).
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
        return () -> AccountHealth.of(NAME, config.enabled(), access, false);
    }

    @Produces
    @Wellness
    @ApplicationScoped
    HealthCheck wellness() {
        return () -> AccountHealth.of(NAME, config.enabled(), access, true);
    }
}
