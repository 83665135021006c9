package io.heraldo.channel.bluesky;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import io.heraldo.channel.social.AccountHealth;
import io.smallrye.health.api.Wellness;

/**
 * The Bluesky channel's state while the service refuses the account's app password: readiness reports the pause and
 * stays UP, wellness is DOWN for alerting ({@link AccountHealth}).
 */
@ApplicationScoped
public class BlueskyHealthCheck {

    static final String NAME = "Bluesky channel";

    private final BlueskyConfig config;
    private final BlueskyAccess access;

    public BlueskyHealthCheck(BlueskyConfig config, BlueskyAccess access) {
        this.config = config;
        this.access = access;
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck blueskyReadiness() {
        return () -> AccountHealth.of(NAME, config.enabled(), access, false);
    }

    @Produces
    @Wellness
    @ApplicationScoped
    HealthCheck blueskyWellness() {
        return () -> AccountHealth.of(NAME, config.enabled(), access, true);
    }
}
