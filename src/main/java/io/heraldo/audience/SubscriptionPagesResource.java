package io.heraldo.audience;

import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Languages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/**
 * The pages behind the links mailed to subscribers: confirm, and unsubscribe (a page with a button, and the one-click
 * POST of RFC 8058). Plain HTML, no script, nothing loaded from elsewhere.
 */
@Path("/subscriptions")
@Produces(MediaType.TEXT_HTML)
public class SubscriptionPagesResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirmed(String page, String lang);

        static native TemplateInstance invalid(String page, String lang);

        static native TemplateInstance unsubscribe(String page, String lang, String email, String action);

        static native TemplateInstance unsubscribed(String page, String lang, String email);
    }

    private final Subscriptions subscriptions;
    private final HeraldoConfig config;

    public SubscriptionPagesResource(Subscriptions subscriptions, HeraldoConfig config) {
        this.subscriptions = subscriptions;
        this.config = config;
    }

    @GET
    @Path("confirm")
    @Blocking
    public Response confirm(@QueryParam("token") String token, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Optional<Subscriber> confirmed = subscriptions.confirm(token);
        String chosen = language(lang, acceptLanguage, confirmed);
        if (confirmed.isEmpty()) {
            return invalid(chosen);
        }
        return TokenPage.of(Response.Status.OK.getStatusCode(), Templates.confirmed(config.page().name(), chosen), chosen);
    }

    @GET
    @Path("unsubscribe")
    @Blocking
    public Response unsubscribePage(@QueryParam("token") String token, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Optional<Subscriber> subscriber = subscriptions.unsubscribing(token);
        String chosen = language(lang, acceptLanguage, subscriber);
        if (subscriber.isEmpty()) {
            return invalid(chosen);
        }
        String action = SubscriberLinks.UNSUBSCRIBE_PATH + "?token=" + token.strip() + "&lang=" + chosen;
        return TokenPage.of(Response.Status.OK.getStatusCode(),
                Templates.unsubscribe(config.page().name(), chosen, subscriber.get().email(), action), chosen);
    }

    /** One click: whatever the body ({@code List-Unsubscribe=One-Click} or the page's form), it unsubscribes now. */
    @POST
    @Path("unsubscribe")
    @Blocking
    @Consumes(MediaType.WILDCARD)
    public Response unsubscribe(@QueryParam("token") String token, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Optional<Subscriber> subscriber = subscriptions.unsubscribe(token);
        String chosen = language(lang, acceptLanguage, subscriber);
        if (subscriber.isEmpty()) {
            return invalid(chosen);
        }
        return TokenPage.of(Response.Status.OK.getStatusCode(), Templates.unsubscribed(config.page().name(), chosen, subscriber.get().email()),
                chosen);
    }

    private Response invalid(String lang) {
        return TokenPage.of(Response.Status.BAD_REQUEST.getStatusCode(), Templates.invalid(config.page().name(), lang), lang);
    }

    /** {@code ?lang=}, then {@code Accept-Language}, then the subscriber's own language, then the default. */
    private String language(String lang, String acceptLanguage, Optional<Subscriber> subscriber) {
        return Languages.choose(lang, acceptLanguage,
                subscriber.map(Subscriber::locale).orElse(config.defaultLocale()));
    }
}
