package io.heraldo.site;

import io.quarkus.qute.TemplateExtension;

/** Small formatting the site's templates share. */
@TemplateExtension
public class SiteTemplateExtensions {

    private SiteTemplateExtensions() {
    }

    /** {@code 2015-02-10T13:45:00.000-03:00} as {@code 2015-02-10 13:45}. */
    static String shortTime(String iso) {
        return PageView.shortTime(iso);
    }
}
