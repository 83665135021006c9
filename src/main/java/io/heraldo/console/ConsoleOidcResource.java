package io.heraldo.console;

import java.util.Optional;

import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.heraldo.admin.AdminAudit;
import io.heraldo.audience.ClientAddress;
import io.heraldo.audience.SubscriptionsConfig;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * Signing in with OpenID Connect (authorization code flow), when {@code quarkus.oidc.auth-server-url} is set. The
 * flow itself is quarkus-oidc's: a visit without its session is sent to the provider, and the provider sends the
 * browser back here (the redirect URI to register is {@code <public-url>/console/oidc}). Then Heraldo opens its own
 * console session, the same as a token's, named after the ID token ({@link OidcActor}), and ends quarkus-oidc's
 * session: from here on the console knows only its own. An operator without {@code heraldo.console.oidc.required-role}
 * gets a 403 page. Sign-ins, allowed or refused, are in the audit log.
 */
@Path("/console")
@Blocking
public class ConsoleOidcResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signedIn(ConsolePage p);

        static native TemplateInstance refused(ConsolePage p, String reason);
    }

    private final ConsoleOidc oidc;
    private final CurrentIdentityAssociation identities;
    private final OidcSession oidcSession;
    private final ConsoleSessions sessions;
    private final ConsoleResponses responses;
    private final ConsoleConfig console;
    private final AdminAudit audit;
    private final boolean trustForwardedFor;

    public ConsoleOidcResource(ConsoleOidc oidc, CurrentIdentityAssociation identities, OidcSession oidcSession,
            ConsoleSessions sessions, ConsoleResponses responses, ConsoleConfig console, AdminAudit audit,
            SubscriptionsConfig subscriptions) {
        this.oidc = oidc;
        this.identities = identities;
        this.oidcSession = oidcSession;
        this.sessions = sessions;
        this.responses = responses;
        this.console = console;
        this.audit = audit;
        this.trustForwardedFor = subscriptions.trustForwardedFor();
    }

    @GET
    @Path("oidc")
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@Context ContainerRequestContext request, @Context HttpServerRequest http) {
        if (!oidc.configured()) {
            throw new NotFoundException();
        }
        // Authentication is lazy (quarkus.http.auth.proactive=false): asking for the identity runs the code flow's
        // step for this request, exchanging the provider's code or reading quarkus-oidc's session cookie.
        SecurityIdentity identity = identities.getIdentity();
        if (identity.isAnonymous()) {
            // answered by quarkus-oidc's challenge: the redirect to the provider
            throw new UnauthorizedException();
        }
        oidcSession.logout().await().indefinitely();
        String client = ClientAddress.of(ConsoleResponses.client(http), request.getHeaderString("X-Forwarded-For"),
                trustForwardedFor);
        String lang = responses.language(request);
        OidcMessages words = MessageBundles.get(OidcMessages.class, Localized.Literal.of(lang));
        Optional<String> actor = name(identity);
        if (actor.isEmpty()) {
            audit.record(AdminAudit.ANONYMOUS, "GET", ConsoleGate.OIDC, null, 403, client);
            return refused(request, lang, words.nameless());
        }
        Optional<String> missing = oidc.missingRole(identity);
        if (missing.isPresent()) {
            audit.record(actor.get(), "GET", ConsoleGate.OIDC, null, 403, client);
            return refused(request, lang, words.missingRole(actor.get(), missing.get()));
        }
        ConsoleSessions.Opened opened = sessions.open(actor.get());
        audit.record(actor.get(), "GET", ConsoleGate.OIDC, null, 200, client);
        ConsolePage page = new ConsolePage(lang, responses.pageName(), actor.get(), opened.session().csrf(), null);
        // A page that moves on by itself rather than a redirect: the browser comes from the provider's site, and
        // across that chain of redirects it would not send the SameSite=Strict cookie just set.
        return Response.fromResponse(responses.html(request, Response.Status.OK, Templates.signedIn(page), lang))
                .header("Set-Cookie", ConsoleResponses.cookie(ConsoleGate.COOKIE, opened.cookie(),
                        console.sessionLifetime().toSeconds(), responses.secure(request)))
                .build();
    }

    private Response refused(ContainerRequestContext request, String lang, String reason) {
        ConsolePage page = new ConsolePage(lang, responses.pageName(), null, null, null);
        return responses.html(request, Response.Status.FORBIDDEN, Templates.refused(page, reason), lang);
    }

    private static Optional<String> name(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        return OidcActor.name(text(token, "preferred_username"), text(token, "email"), text(token, "sub"));
    }

    /** A claim as text: a JSON string or a plain one; anything else (a number, a list) names nobody. */
    private static String text(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        return value instanceof JsonString json ? json.getString() : value instanceof String plain ? plain : null;
    }
}
