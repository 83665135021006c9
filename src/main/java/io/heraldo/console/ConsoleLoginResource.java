package io.heraldo.console;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.heraldo.admin.AdminAudit;
import io.heraldo.admin.AdminTokens;
import io.heraldo.audience.ClientAddress;
import io.heraldo.audience.Rate;
import io.heraldo.audience.RateLimiter;
import io.heraldo.audience.SubscriptionsConfig;
import io.heraldo.platform.HeraldoConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * Signing in with an admin token and signing out. The token is checked as the admin API checks it ({@link AdminTokens}:
 * hashed, compared in constant time) and the session is named after the token's id, never the token. The sign-in form
 * carries its own CSRF token (a cookie and the same value in the form) so no other site can sign a browser in; attempts
 * are limited per client address ({@code heraldo.console.login-rate}). The page also offers OpenID Connect when it is
 * configured ({@link ConsoleOidcResource}); with {@code heraldo.console.token-sign-in=false} it offers only that, and
 * a token posted anyway is refused.
 */
@Path("/console")
@Blocking
public class ConsoleLoginResource {

    static final String LOGIN_COOKIE = "heraldo_console_login";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(ConsolePage p, String error, SignInWays ways);

        static native TemplateInstance forbidden(ConsolePage p);
    }

    private final AdminTokens tokens;
    private final AdminAudit audit;
    private final ConsoleSessions sessions;
    private final ConsoleResponses responses;
    private final ConsoleConfig console;
    private final HeraldoConfig config;
    private final RateLimiter attempts;
    private final boolean trustForwardedFor;
    private final SignInWays ways;

    public ConsoleLoginResource(HeraldoConfig config, ConsoleConfig console, AdminAudit audit, ConsoleSessions sessions,
            ConsoleResponses responses, SubscriptionsConfig subscriptions, ConsoleOidc oidc) {
        this.tokens = new AdminTokens(config.admin().token(), config.admin().tokens());
        this.audit = audit;
        this.sessions = sessions;
        this.responses = responses;
        this.console = console;
        this.config = config;
        this.attempts = new RateLimiter(Rate.of(console.loginRate()), Clock.systemUTC());
        this.trustForwardedFor = subscriptions.trustForwardedFor();
        this.ways = new SignInWays(console.tokenSignIn(), oidc.provider());
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response loginPage(@Context ContainerRequestContext request) {
        // quarkus-oidc comes back here with ?error=... when the provider ends the flow without signing anyone in (a
        // cancel, a denied consent); its words are not shown, since anyone can write them into a link
        boolean providerFailed = ways.provider() != null
                && request.getUriInfo().getQueryParameters().containsKey("error");
        return login(request, Response.Status.OK, ways.none() ? words -> words.tokenOff()
                : providerFailed ? words -> words.providerFailed()
                : ways.token() && tokens.isClosed() ? words -> words.closed() : null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            MultivaluedMap<String, String> form) {
        Cookie expected = request.getCookies().get(LOGIN_COOKIE);
        String client = ClientAddress.of(remote(http), request.getHeaderString("X-Forwarded-For"), trustForwardedFor);
        if (!ways.token()) {
            audit.record(AdminAudit.ANONYMOUS, "POST", ConsoleGate.LOGIN, null, 403, client);
            return login(request, Response.Status.FORBIDDEN, words -> words.tokenOff());
        }
        if (expected == null || !same(expected.getValue(), form.getFirst("csrf"))) {
            audit.record(AdminAudit.ANONYMOUS, "POST", ConsoleGate.LOGIN, null, 403, client);
            return forbidden(request, responses, null, config.page().name());
        }
        Optional<Duration> wait = attempts.acquire(client);
        if (wait.isPresent()) {
            audit.record(AdminAudit.ANONYMOUS, "POST", ConsoleGate.LOGIN, null, 429, client);
            long seconds = Math.max(1, wait.get().toSeconds());
            return Response.fromResponse(login(request, Response.Status.TOO_MANY_REQUESTS,
                    words -> words.tooMany(seconds))).header("Retry-After", seconds).build();
        }
        String token = form.getFirst("token");
        Optional<String> actor = token == null ? Optional.empty() : tokens.identify("Bearer " + token.strip());
        if (actor.isEmpty()) {
            audit.record(AdminAudit.ANONYMOUS, "POST", ConsoleGate.LOGIN, null, 401, client);
            return login(request, Response.Status.UNAUTHORIZED,
                    tokens.isClosed() ? words -> words.closed() : words -> words.wrongToken());
        }
        ConsoleSessions.Opened opened = sessions.open(actor.get());
        audit.record(actor.get(), "POST", ConsoleGate.LOGIN, null, 303, client);
        boolean secure = responses.secure(request);
        return Response.seeOther(URI.create("/console"))
                .header("Set-Cookie", ConsoleResponses.cookie(ConsoleGate.COOKIE, opened.cookie(),
                        console.sessionLifetime().toSeconds(), secure))
                .header("Set-Cookie", ConsoleResponses.cookie(LOGIN_COOKIE, "", 0, secure))
                .build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signOut(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            MultivaluedMap<String, String> form) {
        ConsoleSessions.Session session = ConsoleGate.session(request);
        String client = ClientAddress.of(remote(http), request.getHeaderString("X-Forwarded-For"), trustForwardedFor);
        Response forged = responses.forged(request, form, "/console/logout", null, client);
        if (forged != null) {
            return forged;
        }
        sessions.close(request.getCookies().get(ConsoleGate.COOKIE).getValue());
        audit.record(session.actor(), "POST", "/console/logout", null, 303, client);
        return Response.seeOther(URI.create(ConsoleGate.LOGIN))
                .header("Set-Cookie", ConsoleResponses.cookie(ConsoleGate.COOKIE, "", 0, responses.secure(request)))
                .build();
    }

    /** The page a POST without its CSRF token gets. */
    static Response forbidden(ContainerRequestContext request, ConsoleResponses responses, String actor,
            String pageName) {
        String lang = responses.language(request);
        return responses.html(request, Response.Status.FORBIDDEN,
                Templates.forbidden(new ConsolePage(lang, pageName, actor, null, null)), lang);
    }

    private Response login(ContainerRequestContext request, Response.Status status,
            Function<ConsoleMessages, String> error) {
        String lang = responses.language(request);
        String sentence = error == null ? null
                : error.apply(MessageBundles.get(ConsoleMessages.class, Localized.Literal.of(lang)));
        String csrf = ConsoleSessions.random();
        Response page = responses.html(request, status,
                Templates.login(new ConsolePage(lang, config.page().name(), null, csrf, "login"), sentence, ways),
                lang);
        return Response.fromResponse(page)
                .header("Set-Cookie", ConsoleResponses.cookie(LOGIN_COOKIE, csrf, 3600, responses.secure(request)))
                .build();
    }

    private static boolean same(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String remote(HttpServerRequest http) {
        return ConsoleResponses.client(http);
    }
}
