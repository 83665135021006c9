package io.heraldo.site;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.heraldo.platform.HeraldoConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The human status page at {@code /}, in Spanish or English. */
@Path("/")
public class StatusPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(PageSnapshot snapshot, String lang, List<PageView.Group> groups);
    }

    private final PageSnapshots snapshots;
    private final HeraldoConfig config;

    public StatusPage(PageSnapshots snapshots, HeraldoConfig config) {
        this.snapshots = snapshots;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage) {
        String chosen = Languages.choose(lang, acceptLanguage, config.defaultLocale());
        PageSnapshot snapshot = snapshots.current();
        return Templates.index(snapshot, chosen, PageView.groups(snapshot.components()))
                .setLocale(Locale.forLanguageTag(chosen));
    }
}
