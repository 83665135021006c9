package io.heraldo.site;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.heraldo.platform.HeraldoConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code ETag}, {@code Last-Modified} and {@code 304} for every public GET of the site (pages, API v2, feeds,
 * calendar) that reaches the REST layer (the others are answered by {@link PublicDocumentRoute} from the same
 * documents). The revision is read before the document is made: a document is never older than the revision its
 * tag names. {@code Cache-Control: no-cache}: clients keep a copy but ask each time. The entity tag is weak: the
 * compressed and the plain copy of a document are the same content in different bytes, which a strong tag would
 * have to tell apart (RFC 9110, 8.8.1); a weak one validates either (If-None-Match compares weakly).
 */
public class PublicCaching {

    /**
     * What a public document depends on besides its URL: the language (pages), and the content coding, since every
     * public document is sent gzip-compressed to clients that accept it.
     */
    static final String VARY = HttpHeaders.ACCEPT_LANGUAGE + ", " + HttpHeaders.ACCEPT_ENCODING;

    private final PageRevision revisions;
    private final PublicRequest publicRequest;
    private final HeraldoConfig config;
    private final Clock clock;
    private final Counter answers;

    public PublicCaching(PageRevision revisions, PublicRequest publicRequest, HeraldoConfig config, Clock clock,
            MeterRegistry registry) {
        this.revisions = revisions;
        this.publicRequest = publicRequest;
        this.config = config;
        this.clock = clock;
        this.answers = registry.counter(PublicDocumentRoute.ANSWERS, "by", "rest");
    }

    @ServerRequestFilter
    public Optional<Response> conditionalGet(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!HttpValidators.covers(request.getMethod(), path)) {
            return Optional.empty();
        }
        answers.increment();
        Revision revision = revisions.current();
        ZoneId zone = config.page().timeZone();
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        MultivaluedMap<String, String> headers = request.getHeaders();
        DocumentKey key = DocumentKey.of(revision.number(), LocalDate.ofInstant(clock.instant(), zone), path,
                query.getFirst("lang"), query.getFirst("page"), headers.getFirst(HttpHeaders.ACCEPT_LANGUAGE),
                config.defaultLocale());
        HttpValidators validators = HttpValidators.at(key.etag(),
                HttpValidators.changed(revision.updatedAt().toInstant(), key.day(), zone), revision.readAt());
        if (validators.notModified(headers.getFirst(HttpHeaders.IF_NONE_MATCH),
                headers.getFirst(HttpHeaders.IF_MODIFIED_SINCE))) {
            Response.ResponseBuilder notModified = Response.status(Response.Status.NOT_MODIFIED);
            List<String> validatorHeaders = PublicDocument.validatorHeaders(validators);
            for (int i = 0; i < validatorHeaders.size(); i += 2) {
                notModified.header(validatorHeaders.get(i), validatorHeaders.get(i + 1));
            }
            return Optional.of(notModified.build());
        }
        publicRequest.answering(key, revision,
                ContentCoding.acceptsGzip(headers.getFirst(HttpHeaders.ACCEPT_ENCODING)));
        return Optional.empty();
    }
}
