package io.heraldo.site;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Languages;
import io.heraldo.site.Statuspage.Component;

/**
 * The badges in the static copy, at the live site's paths: {@code badge.svg} and {@code badge/<componentId>.svg}, in
 * the default language (a file has no {@code ?lang=}). A component whose id is not a safe file name is left out by
 * the export directory, as its pages are.
 */
@ApplicationScoped
public class BadgesPart implements SitePart {

    private final String pageName;
    private final String defaultLang;

    public BadgesPart(HeraldoConfig config) {
        this.pageName = config.page().name();
        this.defaultLang = Languages.choose(config.defaultLocale(), null, Languages.supported().get(0));
    }

    @Override
    public void write(PageSnapshot snapshot, SiteFiles files) throws IOException {
        files.put(BadgesResource.PAGE.substring(1), BadgesResource.page(snapshot, pageName, defaultLang).svg());
        for (Component component : snapshot.components()) {
            files.put(BadgesResource.COMPONENT.substring(1) + component.id() + ".svg",
                    BadgesResource.badge(component, defaultLang).svg());
        }
    }
}
