package io.heraldo.site;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The public API is read by widgets on other sites: GET is open to every origin, as on Statuspage. Only the public
 * API: the admin API stays same-origin.
 */
public class PublicApiCors {

    @ServerResponseFilter
    public void allowAnyOrigin(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getMethod().equals("GET") && request.getUriInfo().getPath().startsWith("/api/v2/")) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", "*");
            response.getHeaders().putSingle("Access-Control-Allow-Methods", "GET");
        }
    }
}
