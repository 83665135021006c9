package io.heraldo.site;

import java.util.function.BiConsumer;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The public API is read by widgets on other sites: GET is open to every origin, as on Statuspage. Only the public
 * API: the admin API stays same-origin. The same rule for answers of the REST layer and of {@link PublicDocumentRoute}.
 */
public class PublicApiCors {

    @ServerResponseFilter
    public void allowAnyOrigin(ContainerRequestContext request, ContainerResponseContext response) {
        if (applies(request.getMethod(), request.getUriInfo().getPath())) {
            allow(response.getHeaders()::putSingle);
        }
    }

    static boolean applies(String method, String path) {
        return method.equals("GET") && path.startsWith("/api/v2/");
    }

    static void allow(BiConsumer<String, String> headers) {
        headers.accept("Access-Control-Allow-Origin", "*");
        headers.accept("Access-Control-Allow-Methods", "GET");
    }
}
