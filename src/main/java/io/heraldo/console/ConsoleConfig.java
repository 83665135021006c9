package io.heraldo.console;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.console.*}: the operators' console (CONTRACT section 7). */
@ConfigMapping(prefix = "heraldo.console")
public interface ConsoleConfig {

    /** How long a sign-in lasts; the operator signs in again after it. */
    @WithDefault("8h")
    Duration sessionLifetime();

    /** Sign-in attempts per client address, {@code <attempts>/<period>}, allowed or refused alike. */
    @WithDefault("10/10m")
    String loginRate();

    /**
     * Whether an admin token signs in to the console. Off, only OpenID Connect does (the admin API still takes the
     * token).
     */
    @WithDefault("true")
    boolean tokenSignIn();

    /** Signing in with OpenID Connect, offered when {@code quarkus.oidc.auth-server-url} is set. */
    Oidc oidc();

    interface Oidc {

        /** The provider's name on the sign-in page's button ("Sign in with ..."). */
        @WithDefault("OpenID Connect")
        String provider();

        /**
         * A role every operator must have, as quarkus-oidc reads roles from the ID token ({@code groups}, Keycloak's
         * realm and client roles, or {@code quarkus.oidc.roles.role-claim-path}). Unset: anyone the provider signs in.
         */
        Optional<String> requiredRole();
    }
}
