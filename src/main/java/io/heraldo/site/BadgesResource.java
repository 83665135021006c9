package io.heraldo.site;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.event.ComponentStatus;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Problem;
import io.heraldo.site.Statuspage.Component;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * Status badges to put in a README or an intranet page: {@code /badge.svg} (the page: its name and the overall status)
 * and {@code /badge/{componentId}.svg} (one component: its name and status), the status in words in the language of
 * {@code ?lang=} (else {@code Accept-Language}, else the default), the words of the status page. Each badge is a
 * public document of the page revision ({@link PublicRequest}): made once per change and language, with the ETag,
 * {@code 304} and gzip copy of every public GET.
 */
@Path("/")
@Produces(Badge.SVG)
public class BadgesResource {

    static final String PAGE = "/badge.svg";
    static final String COMPONENT = "/badge/";

    private final PublicRequest request;
    private final String pageName;

    public BadgesResource(PublicRequest request, HeraldoConfig config) {
        this.request = request;
        this.pageName = config.page().name();
    }

    @GET
    @Path("badge.svg")
    public Response page() {
        return request.respond(() -> page(request.snapshot(), pageName, request.key().lang()).svg(),
                HttpHeaders.CONTENT_TYPE, Badge.SVG);
    }

    @GET
    @Path("badge/{componentId}.svg")
    public Response component(@PathParam("componentId") String componentId) {
        return request.respondIfAny(() -> component(request.snapshot(), componentId, request.key().lang())
                .map(Badge::svg).orElse(null), HttpHeaders.CONTENT_TYPE, Badge.SVG)
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                        .header(HttpHeaders.VARY, PublicCaching.VARY)
                        .entity(new Problem(404, "componentId: no component has the id given")).build());
    }

    /** The page's badge: its name, and the overall status in words. */
    public static Badge page(PageSnapshot snapshot, String pageName, String lang) {
        return new Badge(pageName, words(lang).indicator(snapshot.indicator().wire()),
                Badge.colourOf(snapshot.indicator()));
    }

    /** A component's badge (a group's too: its status is the worst of its members'); empty if there is none. */
    public static Optional<Badge> component(PageSnapshot snapshot, String componentId, String lang) {
        return snapshot.components().stream().filter(c -> c.id().equals(componentId)).findFirst()
                .map(c -> badge(c, lang));
    }

    static Badge badge(Component component, String lang) {
        return new Badge(component.name(), words(lang).componentStatus(component.status()),
                Badge.colourOf(ComponentStatus.of(component.status())));
    }

    private static SiteMessages words(String lang) {
        return MessageBundles.get(SiteMessages.class, Localized.Literal.of(lang));
    }
}
