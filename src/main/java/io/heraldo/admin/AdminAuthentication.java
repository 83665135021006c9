package io.heraldo.admin;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Problem;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every {@code /admin/} request needs {@code Authorization: Bearer <token>} with one of the admin tokens, and every
 * one is audited: a denied one at once (without what it presented), an allowed one when its answer is known.
 */
public class AdminAuthentication {

    private static final String ACTOR = "heraldo.admin.actor";

    private final AdminTokens tokens;
    private final AdminAudit audit;

    public AdminAuthentication(HeraldoConfig config, AdminAudit audit) {
        this.tokens = new AdminTokens(config.admin().token(), config.admin().tokens());
        this.audit = audit;
    }

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!isAdmin(path)) {
            return null;
        }
        var actor = tokens.identify(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (actor.isPresent()) {
            request.setProperty(ACTOR, actor.get());
            return null;
        }
        audit.record(AdminAudit.ANONYMOUS, request.getMethod(), path, null, 401, client(http));
        String reason = tokens.isClosed()
                ? "the admin API is closed: set heraldo.admin.token to open it"
                : "a valid admin token is required: Authorization: Bearer <heraldo.admin.token>";
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"heraldo-admin\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Problem(401, reason))
                .build();
    }

    @ServerResponseFilter
    public void audited(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        Object actor = request.getProperty(ACTOR);
        if (actor == null) {
            return;
        }
        audit.record(actor.toString(), request.getMethod(), request.getUriInfo().getPath(), target(request, response),
                response.getStatus(), client(http));
    }

    /** The id a request acted on: its path parameter, or the id of what it created or published. */
    private static String target(ContainerRequestContext request, ContainerResponseContext response) {
        try {
            for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getPathParameters().entrySet()) {
                if (!parameter.getValue().isEmpty()) {
                    return parameter.getValue().get(0);
                }
            }
        } catch (RuntimeException unmatched) {
            // No resource matched (a 404): no path parameters to tell.
        }
        if (response.getLocation() != null) {
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
        // An accepted event answers {"id", "type", "subject"}: its id, and nothing else of the answer.
        if (response.getEntity() instanceof Map<?, ?> answer && answer.get("id") instanceof String id) {
            return id;
        }
        return null;
    }

    private static String client(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    private static boolean isAdmin(String path) {
        return path.startsWith("/admin/") || path.equals("/admin");
    }
}
