package io.heraldo.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Languages;
import io.heraldo.site.SitePages.Target;
import io.heraldo.site.Statuspage.Incident;
import io.heraldo.site.Statuspage.ScheduledMaintenance;

/**
 * The HTML pages of the static copy, at the same URLs as the live site (see {@link SitePaths}): the plain paths in
 * the default language ({@code index.html}, {@code incidents/<id>/index.html} for every incident and maintenance,
 * {@code history/index.html},
 * {@code history/<n>/index.html}) and every language under its prefix ({@code en/index.html},
 * {@code en/incidents/<id>/index.html}, ...).
 */
@ApplicationScoped
public class PagesExport implements SitePart {

    private final SitePages pages;
    private final PageSnapshots snapshots;
    private final SiteHistory history;
    private final String defaultLang;

    public PagesExport(SitePages pages, PageSnapshots snapshots, SiteHistory history, HeraldoConfig config) {
        this.pages = pages;
        this.snapshots = snapshots;
        this.history = history;
        this.defaultLang = Languages.choose(config.defaultLocale(), null, Languages.supported().get(0));
    }

    @Override
    public void write(PageSnapshot snapshot, SiteFiles files) throws IOException {
        // Every page goes to the files: the export directory skips (and reports) one whose id is not a safe segment.
        List<String> variants = new ArrayList<>();
        variants.add(null); // the plain paths, in the default language
        variants.addAll(Languages.supported());
        for (String explicit : variants) {
            String lang = explicit == null ? defaultLang : explicit;
            String base = SitePaths.base(explicit);
            PageSnapshot shown = snapshots.in(snapshot, lang);
            List<Incident> incidents = snapshots.allIncidents(shown);
            // An incident and a maintenance may share an id; the live site shows the incident there, and so does the copy.
            Set<String> incidentIds = new HashSet<>();
            incidents.forEach(incident -> incidentIds.add(incident.id()));
            List<ScheduledMaintenance> maintenances = snapshots.allMaintenances(shown).stream()
                    .filter(m -> !incidentIds.contains(m.id())).toList();
            List<SiteHistory.Slice> slices = new ArrayList<>();
            SiteHistory.Slice first = history.page(1, lang);
            slices.add(first);
            for (int page = 2; page <= first.paging().pages(); page++) {
                slices.add(history.page(page, lang));
            }
            put(files, SitePaths.home(base), pages.home(shown, lang, base, Target.EXPORT));
            for (Incident incident : incidents) {
                put(files, SitePaths.incident(base, incident.id()), pages.incident(incident, lang, base, Target.EXPORT));
            }
            for (ScheduledMaintenance maintenance : maintenances) {
                put(files, SitePaths.incident(base, maintenance.id()),
                        pages.maintenance(maintenance, lang, base, Target.EXPORT));
            }
            for (SiteHistory.Slice slice : slices) {
                put(files, SitePaths.history(base, slice.paging().page()), pages.history(slice, lang, base, Target.EXPORT));
            }
        }
    }

    private static void put(SiteFiles files, String path, String html) throws IOException {
        files.put(SitePaths.file(path), html.getBytes(StandardCharsets.UTF_8));
    }
}
