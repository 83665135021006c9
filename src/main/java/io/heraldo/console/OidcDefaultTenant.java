package io.heraldo.console;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps quarkus-oidc off until it is configured. quarkus-oidc refuses to start when its default tenant has no
 * {@code quarkus.oidc.auth-server-url}, unless a {@link TenantConfigResolver} is registered: then it disables that
 * tenant instead ("Disabling tenant configurations" in the Quarkus OIDC multitenancy guide). This resolver is that
 * registration and resolves nothing itself ({@code null}: the default tenant), so the packaged application turns
 * OpenID Connect on with configuration alone, and without it never reaches out to any provider.
 */
@ApplicationScoped
@Unremovable
public class OidcDefaultTenant implements TenantConfigResolver {

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext routingContext,
            OidcRequestContext<OidcTenantConfig> requestContext) {
        return Uni.createFrom().nullItem();
    }
}
