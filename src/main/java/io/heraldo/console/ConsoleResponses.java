package io.heraldo.console;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.heraldo.admin.AdminAudit;
import io.heraldo.console.ConsoleSessions.Session;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Languages;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * Renders console pages in the operator's language: {@code ?lang=} (remembered in a cookie), then the cookie, then
 * {@code Accept-Language}, then {@code heraldo.default-locale}.
 */
@ApplicationScoped
public class ConsoleResponses {

    static final String LANG_COOKIE = "heraldo_console_lang";

    private final HeraldoConfig config;
    private final AdminAudit audit;

    public ConsoleResponses(HeraldoConfig config, AdminAudit audit) {
        this.config = config;
        this.audit = audit;
    }

    /**
     * The answer to a form posted without its session's CSRF token: 403, in the audit log under the session's actor;
     * {@code null} when the form carries the token.
     */
    public Response forged(ContainerRequestContext request, MultivaluedMap<String, String> form, String path,
            String target, String client) {
        Session session = ConsoleGate.session(request);
        if (session.accepts(form.getFirst("csrf"))) {
            return null;
        }
        audit.record(session.actor(), "POST", path, target, 403, client);
        return ConsoleLoginResource.forbidden(request, this, session.actor(), pageName());
    }

    /** A form posted to {@code path} about {@code target} (or null), its CSRF token checked as {@link #forged} does. */
    public ConsolePost post(ContainerRequestContext request, HttpServerRequest http, MultivaluedMap<String, String> form,
            String path, String target) {
        String client = client(http);
        return new ConsolePost(ConsoleGate.session(request).actor(), client, forged(request, form, path, target, client),
                audit);
    }

    /** A 404 naming what the console has no page for. */
    public static Response notFound(String text) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE).entity(text).build();
    }

    /** The client's address as the audit log keeps it. */
    public static String client(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    public String language(ContainerRequestContext request) {
        String query = request.getUriInfo().getQueryParameters().getFirst("lang");
        Cookie remembered = request.getCookies().get(LANG_COOKIE);
        String explicit = query != null && Languages.supported().contains(query) ? query
                : remembered == null ? null : remembered.getValue();
        return Languages.choose(explicit, request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE), config.defaultLocale());
    }

    public String pageName() {
        return config.page().name();
    }

    /** The layout's data for a signed-in page. */
    public ConsolePage page(ContainerRequestContext request, String section) {
        Session session = ConsoleGate.session(request);
        return new ConsolePage(language(request), config.page().name(), session.actor(), session.csrf(), section);
    }

    public Response html(ContainerRequestContext request, Response.Status status, TemplateInstance page, String lang) {
        Response.ResponseBuilder answer = Response.status(status)
                .entity(page.setLocale(Locale.forLanguageTag(lang)).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Language", lang);
        String query = request.getUriInfo().getQueryParameters().getFirst("lang");
        if (query != null && Languages.supported().contains(query)) {
            answer.header("Set-Cookie", cookie(LANG_COOKIE, query, 365L * 24 * 3600, secure(request)));
        }
        return answer.build();
    }

    /** {@code Secure} when the console is reached over https: the public URL says so, or the request was. */
    public boolean secure(ContainerRequestContext request) {
        return config.publicUrl().regionMatches(true, 0, "https://", 0, 8)
                || "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
    }

    /** A console cookie: only for {@code /console}, never readable by script, never sent from another site. */
    static String cookie(String name, String value, long maxAgeSeconds, boolean secure) {
        return name + "=" + value + "; Path=/console; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
