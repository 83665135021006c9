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

    public String home(PageSnapshot snapshot, String lang, String base, Target target) {
        Map<String, BarView> bars = new HashMap<>();
        uptime.bars(snapshot).forEach((id, bar) -> bars.put(id, PageView.bar(bar)));
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, String> openFor = new HashMap<>();
        snapshot.unresolvedIncidents().forEach(i -> openFor.put(i.id(), PageView.duration(i, now)));
        List<Component> subscribable = snapshot.components().stream().filter(c -> !c.group()).toList();
        return render(StatusPage.Templates.index(frame(lang, base, "/", target), snapshot,
                PageView.groups(snapshot.components()), bars, metrics.metrics(snapshot), openFor, subscribable), lang);
    }

    public Optional<String> incident(PageSnapshot snapshot, String id, String lang, String base) {
        return snapshots.incident(snapshot, id).map(incident -> incident(incident, lang, base, Target.LIVE));
    }

    public String incident(Incident incident, String lang, String base, Target target) {
        return render(StatusPage.Templates.incident(frame(lang, base, SitePaths.incident("", incident.id()), target),
                incident, PageView.duration(incident, OffsetDateTime.now(clock))), lang);
    }

    public String history(int page, String lang, String base, Target target) {
        SiteHistory.Slice slice = history.page(page);
        return history(slice, lang, base, target);
    }

    public String history(SiteHistory.Slice slice, String lang, String base, Target target) {
        return render(StatusPage.Templates.history(
                frame(lang, base, SitePaths.history("", slice.paging().page()), target), slice.paging(),
                slice.entries()), lang);
    }

    public String notFound(String lang, String base) {
        return render(StatusPage.Templates.notFound(frame(lang, base, "/", Target.LIVE)), lang);
    }

    /**
     * The answer to the subscribe form.
     *
     * @param outcome {@code accepted}, {@code invalid}, {@code limited} or {@code unavailable}
     */
    public String subscribed(String outcome, String detail, String lang) {
        return render(StatusPage.Templates.subscribed(frame(lang, SitePaths.base(lang), "/", Target.LIVE), outcome,
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
