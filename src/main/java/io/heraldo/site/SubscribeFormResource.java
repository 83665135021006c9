package io.heraldo.site;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.audience.InvalidFieldException;
import io.heraldo.audience.Kinds;
import io.heraldo.audience.SubscriberFields;
import io.heraldo.audience.SubscriptionLimits;
import io.heraldo.audience.SubscriptionRequest;
import io.heraldo.audience.Subscriptions;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Languages;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * The status page's subscribe form, a plain HTML form post that needs no script: the same double opt-in and the same
 * limits as {@code POST /api/v1/subscriptions}, answered with a page that says what happens next.
 */
@Path(SitePages.SUBSCRIBE_PATH)
public class SubscribeFormResource {

    private final Subscriptions subscriptions;
    private final SubscriptionLimits limits;
    private final SitePages pages;
    private final HeraldoConfig config;

    public SubscribeFormResource(Subscriptions subscriptions, SubscriptionLimits limits, SitePages pages, HeraldoConfig config) {
        this.subscriptions = subscriptions;
        this.limits = limits;
        this.pages = pages;
        this.config = config;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response subscribe(@FormParam("email") String email, @FormParam("locale") String locale,
            @FormParam("components") List<String> components, @FormParam("kinds") String kinds, @Context HttpServerRequest http,
            @HeaderParam("X-Forwarded-For") String forwardedFor) {
        String lang = Languages.choose(locale, null, config.defaultLocale());
        Optional<Duration> clientWait = limits.client(
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(), forwardedFor);
        if (clientWait.isPresent()) {
            return limited(clientWait.get(), lang);
        }
        SubscriptionRequest request;
        try {
            request = new SubscriptionRequest(SubscriberFields.email(email == null ? "" : email),
                    SubscriberFields.locale(lang, config.defaultLocale()),
                    SubscriberFields.components(components == null ? List.of() : components), Kinds.given(kinds));
        } catch (InvalidFieldException e) {
            return page(400, pages.subscribed("invalid", e.field(), lang), lang);
        }
        Subscriptions.Outcome outcome = subscriptions.subscribe(request);
        if (outcome instanceof Subscriptions.Limited limitedOutcome) {
            return limited(limitedOutcome.retryAfter(), lang);
        }
        if (outcome instanceof Subscriptions.Unavailable) {
            return page(503, pages.subscribed("unavailable", null, lang), lang);
        }
        return page(200, pages.subscribed("accepted", null, lang), lang);
    }

    private Response limited(Duration wait, String lang) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return Response.fromResponse(page(429, pages.subscribed("limited", Long.toString(minutes), lang), lang))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, wait.toSeconds())).build();
    }

    private Response page(int status, String html, String lang) {
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", pages.policy())
                .header("Content-Language", lang)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
