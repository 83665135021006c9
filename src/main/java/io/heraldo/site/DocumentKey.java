package io.heraldo.site;

import java.time.LocalDate;

import io.heraldo.platform.Languages;

/**
 * Everything a public document depends on: the page revision, the day in the page's time zone (uptime bars,
 * "upcoming"), the path, the language it is shown in, the start of its links ({@code ""}, or {@code /en} for a
 * language asked for by name) and, on {@code /history}, the page asked for with {@code ?page=}. Other query
 * parameters change nothing, so they make no other document (nor another render).
 *
 * @param page on {@code /history} and {@code /{lang}/history}, the page of {@code ?page=} as {@link Paging#number}
 *        reads it; else 0
 */
public record DocumentKey(long revision, LocalDate day, String path, String lang, String base, int page) {

    /**
     * The key of a request, read the same way by the cached route and by the resources.
     *
     * @param queryLang the first {@code lang} query parameter, decoded, or null
     * @param queryPage the first {@code page} query parameter, decoded, or null
     */
    public static DocumentKey of(long revision, LocalDate day, String path, String queryLang, String queryPage,
            String acceptLanguage, String defaultLang) {
        String prefix = SitePaths.prefix(path);
        String lang;
        String base;
        if (prefix != null) {
            lang = prefix;
            base = SitePaths.base(prefix);
        } else {
            // the Statuspage API speaks the default locale unless ?lang= asks (CONTRACT §1): clients share documents
            lang = Languages.choose(queryLang, path.startsWith("/api/") ? null : acceptLanguage, defaultLang);
            // a language asked for by name stays in the links; one read from Accept-Language does not
            base = queryLang != null && queryLang.equalsIgnoreCase(lang) ? SitePaths.base(lang) : "";
        }
        String unprefixed = prefix == null ? path : path.substring(prefix.length() + 1);
        return new DocumentKey(revision, day, path, lang, base,
                unprefixed.equals("/history") ? Paging.number(queryPage) : 0);
    }

    /** What the query adds to the document, in one form whatever the order or the other parameters. */
    public String query() {
        if (base.isEmpty() || SitePaths.prefix(path) != null) {
            return page == 0 ? null : "page=" + page;
        }
        return "lang=" + lang + (page == 0 ? "" : "&page=" + page);
    }

    public String etag() {
        return HttpValidators.etag(revision, day, path, query(), lang);
    }
}
