package io.heraldo.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.heraldo.platform.HeraldoConfig;

/** Every {@code /admin/} request needs {@code Authorization: Bearer <heraldo.admin.token>}. */
public class AdminAuthentication {

    private final AdminTokens tokens;

    public AdminAuthentication(HeraldoConfig config) {
        this.tokens = new AdminTokens(config.admin().token());
    }

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/admin/") && !path.equals("/admin")) {
            return null;
        }
        if (tokens.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return null;
        }
        String reason = tokens.isClosed()
                ? "the admin API is closed: set heraldo.admin.token to open it"
                : "a valid admin token is required: Authorization: Bearer <heraldo.admin.token>";
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"heraldo-admin\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Problem(401, reason))
                .build();
    }
}
