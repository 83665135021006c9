package io.heraldo.site;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.heraldo.platform.HeraldoConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the public documents already made for the current revision straight from the event loop: a request costs
 * a look-up and a write of bytes kept since the document was made. Everything else — a revision not trusted any
 * more, a document not made yet, a path or query in an unusual spelling — goes on to the resources
 * ({@link SitePagesResource}, {@link StatuspageApiResource}, the feeds), which read the revision, make the document once and keep it
 * ({@link PublicRequest}). Both answer from one {@link PublicDocument}, so the same request gets the same bytes and
 * headers either way.
 */
@ApplicationScoped
public class PublicDocumentRoute {

    /** Before the REST layer's routes, after Quarkus' own (body handling). */
    static final int ORDER = 1000;
    /** Public GETs answered, by who answered: {@code route} (a document already made) or {@code rest}. */
    static final String ANSWERS = "heraldo.site.answers";

    private final PageRevision revision;
    private final PublicDocuments documents;
    private final Clock clock;
    private final ZoneId zone;
    private final String defaultLang;
    private final Counter answers;

    public PublicDocumentRoute(PageRevision revision, PublicDocuments documents, HeraldoConfig config, Clock clock,
            MeterRegistry registry) {
        this.revision = revision;
        this.documents = documents;
        this.clock = clock;
        this.zone = config.page().timeZone();
        this.defaultLang = config.defaultLocale();
        this.answers = registry.counter(ANSWERS, "by", "route");
        registry.counter(ANSWERS, "by", "rest"); // counted by PublicCaching; there from start-up
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::serve);
    }

    void serve(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpMethod method = request.method();
        String path = request.path();
        String query = request.query();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !plainPath(path) || !plainQuery(query)
                || !HttpValidators.covers(method.name(), path)) {
            context.next();
            return;
        }
        Revision trusted = revision.trusted();
        if (trusted == null) {
            context.next();
            return;
        }
        DocumentKey key = DocumentKey.of(trusted.number(), LocalDate.ofInstant(clock.instant(), zone), path,
                parameter(query, "lang"), parameter(query, "page"), request.getHeader(HttpHeaderNames.ACCEPT_LANGUAGE),
                defaultLang);
        PublicDocument document = documents.ready(key);
        if (document == null) {
            context.next();
            return;
        }
        String acceptEncoding = request.getHeader(HttpHeaderNames.ACCEPT_ENCODING);
        PublicDocument.Answer answer = document.answer(ContentCoding.acceptsGzip(acceptEncoding),
                request.getHeader(HttpHeaderNames.IF_NONE_MATCH), request.getHeader(HttpHeaderNames.IF_MODIFIED_SINCE),
                trusted.readAt());
        ((HttpServerRequestInternal) request).context().putLocal("UrlPathTemplate", template(path));
        HttpServerResponse response = context.response();
        response.setStatusCode(answer.status());
        List<String> headers = answer.headers();
        for (int i = 0; i < headers.size(); i += 2) {
            response.putHeader(headers.get(i), headers.get(i + 1));
        }
        if (PublicApiCors.applies(method.name(), path)) {
            PublicApiCors.allow(response.headers()::set);
        }
        answers.increment();
        if (answer.body() == null) {
            response.end();
        } else if (method == HttpMethod.HEAD) {
            response.putHeader(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.body().remaining()));
            response.end();
        } else {
            // wraps the kept bytes: no copy, and nothing to release (the buffer is freed with the document)
            response.end(Buffer.buffer(Unpooled.wrappedBuffer(answer.body())));
        }
    }

    /**
     * Whether a raw path reads the same decoded, as the REST layer reads it: letters, digits and {@code ._:-} in
     * non-empty segments, none starting with a dot (no {@code .} or {@code ..}).
     */
    static boolean plainPath(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        if (path.length() == 1) {
            return true;
        }
        char previous = '/';
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/' ? previous == '/' : !plain(c) || (previous == '/' && c == '.')) {
                return false;
            }
            previous = c;
        }
        return previous != '/';
    }

    /** Whether a raw query reads the same decoded: no percent signs, no {@code +}. */
    static boolean plainQuery(String query) {
        if (query == null) {
            return true;
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (!plain(c) && c != '=' && c != '&') {
                return false;
            }
        }
        return true;
    }

    /** The first value of a parameter of a plain query; {@code ""} for a bare name; null when absent. */
    static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        int at = 0;
        while (at <= query.length()) {
            int end = query.indexOf('&', at);
            if (end < 0) {
                end = query.length();
            }
            int equals = query.indexOf('=', at);
            int nameEnd = equals < 0 || equals > end ? end : equals;
            if (nameEnd - at == name.length() && query.startsWith(name, at)) {
                return nameEnd == end ? "" : query.substring(nameEnd + 1, end);
            }
            at = end + 1;
        }
        return null;
    }

    /**
     * The path as the REST layer names its route in metrics ({@code uri}): languages, ids and page numbers as the
     * parameters of {@link SitePagesResource}'s paths, so one route is one series whoever answered.
     */
    static String template(String path) {
        String prefix = SitePaths.prefix(path);
        String rest = prefix == null ? path : path.substring(prefix.length() + 1);
        String start = prefix == null ? "" : "/" + SitePagesResource.LANG;
        if (rest.startsWith("/incidents/")) {
            return start + "/incidents/{id}";
        }
        if (prefix == null && rest.startsWith(BadgesResource.COMPONENT)) {
            return BadgesResource.COMPONENT + "{componentId}.svg";
        }
        if (rest.startsWith("/history/")) {
            return start + "/history/" + SitePagesResource.PAGE;
        }
        return prefix != null && rest.isEmpty() ? start : start + rest;
    }

    private static boolean plain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-' || c == ':';
    }
}
