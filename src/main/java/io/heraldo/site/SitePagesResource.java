package io.heraldo.site;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.platform.Languages;
import io.heraldo.site.PageView.BarView;
import io.heraldo.site.PageView.Frame;
import io.heraldo.site.Statuspage.Component;
import io.heraldo.site.Statuspage.Incident;
import io.heraldo.site.Statuspage.ScheduledMaintenance;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The human status site, in Spanish or English: {@code /}, {@code /incidents/{id}} (an incident or a maintenance),
 * {@code /history}, each also
 * under a language prefix ({@code /en}, {@code /en/incidents/{id}}, ...) so that links work the same in the static
 * copy (see {@link SitePaths}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SitePagesResource {

    /** A language prefix; only those of {@code heraldo.languages} are pages ({@link #configured}). */
    static final String LANG = "{lang: [a-z]{2}}";
    static final String PAGE = "{page: [0-9]{1,9}}";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(Frame frame, PageSnapshot snapshot, List<PageView.Group> groups,
                Map<String, BarView> bars, List<MetricHistory.Metric> metrics, List<Component> subscribable);

        static native TemplateInstance incident(Frame frame, Incident incident, String duration);

        static native TemplateInstance maintenance(Frame frame, ScheduledMaintenance maintenance);

        static native TemplateInstance history(Frame frame, Paging paging, List<SiteHistory.Entry> entries);

        static native TemplateInstance notFound(Frame frame);

        static native TemplateInstance subscribed(Frame frame, String outcome, String detail);
    }

    static final String HTML = "text/html;charset=UTF-8";

    private final PublicRequest request;
    private final SitePages pages;

    public SitePagesResource(PublicRequest request, SitePages pages) {
        this.request = request;
        this.pages = pages;
    }

    // Every page is made from the request's key alone (language, links' start, page): PublicRequest.

    @GET
    public Response index() {
        DocumentKey key = request.key();
        return page(() -> pages.home(request.snapshot(), key.lang(), key.base(), SitePages.Target.LIVE));
    }

    @GET
    @Path(LANG)
    public Response indexIn(@PathParam("lang") String lang) {
        return configured(lang) ? index() : unknownLanguage();
    }

    @GET
    @Path("incidents/{id}")
    public Response incident(@PathParam("id") String id) {
        DocumentKey key = request.key();
        return request.respondIfAny(() -> pages.incident(request.snapshot(), id, key.lang(), key.base())
                .map(html -> html.getBytes(StandardCharsets.UTF_8)).orElse(null), headers(key.lang()))
                .orElseGet(() -> notFound(key.lang(), key.base()));
    }

    @GET
    @Path(LANG + "/incidents/{id}")
    public Response incidentIn(@PathParam("lang") String lang, @PathParam("id") String id) {
        return configured(lang) ? incident(id) : unknownLanguage();
    }

    @GET
    @Path("history")
    public Response history() {
        DocumentKey key = request.key();
        return historyPage(key.page());
    }

    @GET
    @Path("history/" + PAGE)
    public Response historyPage(@PathParam("page") String page) {
        return historyPage(Paging.number(page));
    }

    @GET
    @Path(LANG + "/history")
    public Response historyIn(@PathParam("lang") String lang) {
        return configured(lang) ? history() : unknownLanguage();
    }

    @GET
    @Path(LANG + "/history/" + PAGE)
    public Response historyPageIn(@PathParam("lang") String lang, @PathParam("page") String page) {
        return configured(lang) ? historyPage(page) : unknownLanguage();
    }

    private Response historyPage(int page) {
        DocumentKey key = request.key();
        return page(() -> pages.history(request.snapshot(), page, key.lang(), key.base()));
    }

    private Response page(Supplier<String> html) {
        return request.respond(() -> html.get().getBytes(StandardCharsets.UTF_8), headers(request.key().lang()));
    }

    private String[] headers(String lang) {
        return new String[] { HttpHeaders.CONTENT_TYPE, HTML, "Content-Security-Policy", pages.policy(),
                "Content-Language", lang, "Referrer-Policy", "same-origin" };
    }

    /** Whether a path's language prefix is one of {@code heraldo.languages}: {@code /de/...} is no page. */
    private static boolean configured(String lang) {
        return Languages.supported().contains(lang);
    }

    /** A prefix not among the languages: no public document (nor key) exists for it. */
    private static Response unknownLanguage() {
        throw new NotFoundException();
    }

    private Response notFound(String lang, String base) {
        return Response.status(404).entity(pages.notFound(lang, base)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", pages.policy())
                .header("Content-Language", lang)
                .header("Referrer-Policy", "same-origin")
                .header(HttpHeaders.VARY, PublicCaching.VARY)
                .build();
    }
}
