package io.heraldo.integrations;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.heraldo.admin.AdminAudit;
import io.heraldo.admin.AdminTokens;
import io.heraldo.platform.Problem;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every {@code /integrations/} request needs {@code Authorization: Bearer <heraldo.integrations.token>}, checked
 * before its body is read. The token is a token of its own, not an admin token: a monitoring system can move
 * components and nothing else. It is held only as its SHA-256 and compared in constant time ({@link AdminTokens});
 * a refused request is audited without what it presented.
 */
public class IntegrationsAuthentication {

    private final AdminTokens token;
    private final AdminAudit audit;

    public IntegrationsAuthentication(IntegrationsConfig config, AdminAudit audit) {
        this.token = new AdminTokens(config.token());
        this.audit = audit;
    }

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/integrations") && !path.startsWith("/integrations/")) {
            return null;
        }
        Optional<String> refusal = refusal(token, request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal.isEmpty()) {
            return null;
        }
        audit.record(AdminAudit.ANONYMOUS, request.getMethod(), path, null, 401, client(http));
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"heraldo-integrations\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Problem(401, refusal.get()))
                .build();
    }

    /** Why a request with this {@code Authorization} header is refused; empty when it carries the token. */
    static Optional<String> refusal(AdminTokens token, String authorization) {
        if (token.isClosed()) {
            return Optional.of("the integrations are closed: set heraldo.integrations.token to open them");
        }
        if (!token.accepts(authorization)) {
            return Optional.of("a valid token is required: Authorization: Bearer <heraldo.integrations.token>");
        }
        return Optional.empty();
    }

    static String client(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
