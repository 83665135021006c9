package io.heraldo.console;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Whether the console offers OpenID Connect (quarkus-oidc's default tenant has a provider and is not turned off) and
 * who it lets in: anyone the provider signs in, or only those with {@code heraldo.console.oidc.required-role}.
 */
@ApplicationScoped
public class ConsoleOidc {

    private final boolean configured;
    private final ConsoleConfig.Oidc config;

    public ConsoleOidc(ConsoleConfig console,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean tenantEnabled) {
        this.configured = tenantEnabled && authServerUrl.filter(url -> !url.isBlank()).isPresent();
        this.config = console.oidc();
    }

    public boolean configured() {
        return configured;
    }

    /** The provider's name on the sign-in button; {@code null} when OpenID Connect is not configured. */
    public String provider() {
        return configured ? config.provider() : null;
    }

    /** The role an operator lacks to be let in, if any. */
    public Optional<String> missingRole(SecurityIdentity identity) {
        return config.requiredRole().filter(role -> !identity.hasRole(role));
    }
}
