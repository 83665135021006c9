package io.heraldo.channel.mastodon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import io.heraldo.channel.social.AccountHealth;
import io.smallrye.health.api.Wellness;

/**
 * The Mastodon channel's state while the instance refuses the account's token: readiness reports the pause and stays
 * UP, wellness is DOWN for alerting ({@link AccountHealth}).
 */
@ApplicationScoped
public class MastodonHealthCheck {

    static final String NAME = "Mastodon channel";

    private final MastodonConfig config;
    private final MastodonAccess access;

    public MastodonHealthCheck(MastodonConfig config, MastodonAccess access) {
        this.config = config;
        this.access = access;
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck mastodonReadiness() {
        return () -> AccountHealth.of(NAME, config.enabled(), access, false);
    }

    @Produces
    @Wellness
    @ApplicationScoped
    HealthCheck mastodonWellness() {
        return () -> AccountHealth.of(NAME, config.enabled(), access, true);
    }
}
