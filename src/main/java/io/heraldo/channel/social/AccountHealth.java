package io.heraldo.channel.social;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * A social account's health while its service refuses the credentials: posts are waiting and an operator must act.
 * <p>
 * Readiness only <em>reports</em> the pause (UP, with the reason in its data): readiness DOWN would take every replica
 * out of its Service at once and the status page would go dark because of a social network, mid-incident. The
 * wellness check ({@code /q/health/well}, also in {@code /q/health}) is DOWN, for alerting.
 */
public final class AccountHealth {

    private AccountHealth() {
    }

    public static HealthCheckResponse of(String name, boolean enabled, AccountAccess access, boolean downWhilePaused) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).withData("enabled", enabled);
        AccountAccess.Pause pause = access.pause();
        if (pause == null) {
            return response.up().withData("paused", false).build();
        }
        response.withData("paused", true).withData("reason", pause.reason())
                .withData("pausedSince", pause.since().toString());
        return (downWhilePaused ? response.down() : response.up()).build();
    }
}
