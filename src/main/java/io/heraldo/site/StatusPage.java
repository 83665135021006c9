package io.heraldo.site;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.platform.HeraldoConfig;
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
public class StatusPage {

    private static final String LANG = "{lang: es|en}";

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

    private final RequestSnapshot snapshots;
    private final SitePages pages;
    private final HeraldoConfig config;

    public StatusPage(RequestSnapshot snapshots, SitePages pages, HeraldoConfig config) {
        this.snapshots = snapshots;
        this.pages = pages;
        this.config = config;
    }

    @GET
    public Response index(@QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        String chosen = choose(lang, acceptLanguage);
        return page(200, pages.home(snapshots.get(), chosen, base(lang, chosen), SitePages.Target.LIVE), chosen);
    }

    @GET
    @Path(LANG)
    public Response indexIn(@PathParam("lang") String lang) {
        return page(200, pages.home(snapshots.get(), lang, SitePaths.base(lang), SitePages.Target.LIVE), lang);
    }

    @GET
    @Path("incidents/{id}")
    public Response incident(@PathParam("id") String id, @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        String chosen = choose(lang, acceptLanguage);
        return incidentPage(id, chosen, base(lang, chosen));
    }

    @GET
    @Path(LANG + "/incidents/{id}")
    public Response incidentIn(@PathParam("lang") String lang, @PathParam("id") String id) {
        return incidentPage(id, lang, SitePaths.base(lang));
    }

    @GET
    @Path("history")
    public Response history(@QueryParam("page") String page, @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        String chosen = choose(lang, acceptLanguage);
        return page(200, pages.history(snapshots.get(), Paging.number(page), chosen, base(lang, chosen)), chosen);
    }

    @GET
    @Path("history/{page: [0-9]{1,9}}")
    public Response historyPage(@PathParam("page") String page, @QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return history(page, lang, acceptLanguage);
    }

    @GET
    @Path(LANG + "/history")
    public Response historyIn(@PathParam("lang") String lang, @QueryParam("page") String page) {
        return page(200, pages.history(snapshots.get(), Paging.number(page), lang, SitePaths.base(lang)), lang);
    }

    @GET
    @Path(LANG + "/history/{page: [0-9]{1,9}}")
    public Response historyPageIn(@PathParam("lang") String lang, @PathParam("page") String page) {
        return historyIn(lang, page);
    }

    private Response incidentPage(String id, String lang, String base) {
        return pages.incident(snapshots.get(), id, lang, base).map(html -> page(200, html, lang))
                .orElseGet(() -> page(404, pages.notFound(lang, base), lang));
    }

    private String choose(String lang, String acceptLanguage) {
        return Languages.choose(lang, acceptLanguage, config.defaultLocale());
    }

    /** A language asked for by name ({@code ?lang=}) stays in the links; one read from the header does not. */
    private static String base(String explicit, String chosen) {
        return explicit != null && explicit.equalsIgnoreCase(chosen) ? SitePaths.base(chosen) : "";
    }

    private Response page(int status, String html, String lang) {
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", pages.policy())
                .header("Content-Language", lang)
                .header("Referrer-Policy", "same-origin")
                .header(HttpHeaders.VARY, PublicCaching.VARY)
                .build();
    }
}
