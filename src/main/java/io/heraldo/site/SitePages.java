package io.heraldo.site;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.site.PageView.BarView;
import io.heraldo.site.PageView.Frame;
import io.heraldo.site.Statuspage.Component;
import io.heraldo.site.Statuspage.Incident;
import io.heraldo.site.Statuspage.ScheduledMaintenance;
import io.quarkus.qute.TemplateInstance;

/**
 * The site's HTML pages, rendered for the live site and for the static export alike: the same page in both, only
 * the subscribe form's target differs (the copy posts to the live site).
 */
@ApplicationScoped
public class SitePages {

    /** Where the subscribe form posts on the live site. */
    public static final String SUBSCRIBE_PATH = "/subscribe";

    private final PageSnapshots snapshots;
    private final UptimeHistory uptime;
    private final MetricHistory metrics;
    private final SiteHistory history;
    private final SiteStyle style;
    private final HeraldoConfig config;
    private final Clock clock;

    public SitePages(PageSnapshots snapshots, UptimeHistory uptime, MetricHistory metrics, SiteHistory history,
            SiteStyle style, HeraldoConfig config, Clock clock) {
        this.snapshots = snapshots;
        this.uptime = uptime;
        this.metrics = metrics;
        this.history = history;
        this.style = style;
        this.config = config;
        this.clock = clock;
    }

    /** Where a page is shown: the live site or the static copy. */
    public enum Target {
        LIVE, EXPORT
    }

    /**
     * The status page. What it shows depends only on the revision and the day (no "open for 5 min": that would
     * be stale behind an unchanged ETag), so the live page is made once per change and language
     * ({@link PublicDocuments}).
     */
    public String home(PageSnapshot snapshot, String lang, String base, Target target) {
        Map<String, BarView> bars = new HashMap<>();
        uptime.bars(snapshot).forEach((id, bar) -> bars.put(id, PageView.bar(bar)));
        List<Component> subscribable = snapshot.components().stream().filter(c -> !c.group()).toList();
        return render(SitePagesResource.Templates.index(frame(lang, base, "/", target), snapshot,
                PageView.groups(snapshot.components()), bars, metrics.metrics(snapshot), subscribable), lang);
    }

    /**
     * The page at {@code /incidents/{id}}: the incident of that id, else the maintenance (links in emails, tweets,
     * feeds and the API's {@code shortlink} name both kinds there); empty if neither exists.
     */
    public Optional<String> incident(PageSnapshot snapshot, String id, String lang, String base) {
        Optional<String> incident = snapshots.incident(snapshot, id).map(found -> incident(found, lang, base,
                Target.LIVE));
        if (incident.isPresent()) {
            return incident;
        }
        return snapshots.maintenance(snapshot, id).map(found -> maintenance(found, lang, base, Target.LIVE));
    }

    public String maintenance(ScheduledMaintenance maintenance, String lang, String base, Target target) {
        return render(SitePagesResource.Templates.maintenance(
                frame(lang, base, SitePaths.incident("", maintenance.id()), target), maintenance), lang);
    }

    public String incident(Incident incident, String lang, String base, Target target) {
        return render(SitePagesResource.Templates.incident(frame(lang, base, SitePaths.incident("", incident.id()), target),
                incident, incident.resolvedAt() == null ? null : PageView.duration(incident, OffsetDateTime.now(clock))),
                lang);
    }

    public String history(PageSnapshot snapshot, int page, String lang, String base) {
        return history(history.page(page, lang), lang, base, Target.LIVE);
    }

    public String history(SiteHistory.Slice slice, String lang, String base, Target target) {
        return render(SitePagesResource.Templates.history(
                frame(lang, base, SitePaths.history("", slice.paging().page()), target), slice.paging(),
                slice.entries()), lang);
    }

    public String notFound(String lang, String base) {
        return render(SitePagesResource.Templates.notFound(frame(lang, base, "/", Target.LIVE)), lang);
    }

    /**
     * The answer to the subscribe form.
     *
     * @param outcome {@code accepted}, {@code invalid}, {@code limited} or {@code unavailable}
     */
    public String subscribed(String outcome, String detail, String lang) {
        return render(SitePagesResource.Templates.subscribed(frame(lang, SitePaths.base(lang), "/", Target.LIVE), outcome,
                detail), lang);
    }

    public String policy() {
        return style.policy();
    }

    private Frame frame(String lang, String base, String self, Target target) {
        String action = target == Target.LIVE ? SUBSCRIBE_PATH
                : config.publicUrl().replaceAll("/+$", "") + SUBSCRIBE_PATH;
        return new Frame(lang, base, self, config.page().name(), config.page().timeZone().getId(), style.css(), action,
                style.metaPolicy());
    }

    private static String render(TemplateInstance page, String lang) {
        return page.setLocale(Locale.forLanguageTag(lang)).render();
    }
}
