package io.heraldo.site;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.heraldo.platform.HeraldoConfig;

/**
 * {@code ETag}, {@code Last-Modified} and {@code 304} for every public GET of the site (pages, API v2, feeds,
 * calendar), whoever serves it. The validators are read before the document is made, from the revision the snapshot
 * cache reads anyway: a document is never older than the revision its tag names, so a change shows on the next
 * request. {@code Cache-Control: no-cache}: clients keep a copy but ask each time. The entity tag is weak: the
 * compressed and the plain copy of a document are the same content in different bytes, which a strong tag would have
 * to tell apart (RFC 9110, 8.8.1); a weak one validates either (If-None-Match compares weakly).
 */
public class PublicCaching {

    private static final String VALIDATORS = PublicCaching.class.getName();

    /**
     * What a public document depends on besides its URL: the language (pages), and the content coding, since every
     * public document is text that is sent gzip-compressed to clients that accept it
     * ({@code quarkus.http.compress-media-types}).
     */
    static final String VARY = HttpHeaders.ACCEPT_LANGUAGE + ", " + HttpHeaders.ACCEPT_ENCODING;

    private final RequestSnapshot snapshots;
    private final HeraldoConfig config;
    private final Clock clock;

    public PublicCaching(RequestSnapshot snapshots, HeraldoConfig config, Clock clock) {
        this.snapshots = snapshots;
        this.config = config;
        this.clock = clock;
    }

    @ServerRequestFilter
    public Optional<Response> conditionalGet(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!HttpValidators.covers(request.getMethod(), path)) {
            return Optional.empty();
        }
        PageSnapshot snapshot = snapshots.get();
        ZoneId zone = config.page().timeZone();
        String lang = SitePaths.language(path, request.getUriInfo().getQueryParameters().getFirst("lang"),
                request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE), config.defaultLocale());
        HttpValidators validators = HttpValidators.of(snapshot.revision(), snapshot.updatedAt().toInstant(),
                LocalDate.now(clock.withZone(zone)), zone, path, request.getUriInfo().getRequestUri().getRawQuery(), lang,
                clock.instant());
        if (validators.notModified(request.getHeaderString(HttpHeaders.IF_NONE_MATCH),
                request.getHeaderString(HttpHeaders.IF_MODIFIED_SINCE))) {
            return Optional.of(Response.status(Response.Status.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, validators.etag())
                    .header(HttpHeaders.LAST_MODIFIED, validators.lastModifiedHeader()) // null: no header
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .header(HttpHeaders.VARY, VARY)
                    .build());
        }
        request.setProperty(VALIDATORS, validators);
        return Optional.empty();
    }

    @ServerResponseFilter
    public void validators(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(VALIDATORS) instanceof HttpValidators validators && response.getStatus() == 200) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, validators.etag());
            if (validators.lastModifiedHeader() != null) {
                response.getHeaders().putSingle(HttpHeaders.LAST_MODIFIED, validators.lastModifiedHeader());
            }
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-cache");
            response.getHeaders().putSingle(HttpHeaders.VARY, VARY);
        }
    }
}
