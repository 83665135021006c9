package io.heraldo.site;

import java.util.Locale;

/**
 * The site's URL layout, shared by the live pages and the static export so that every link works in both. A page
 * exists at its plain path in the reader's language ({@code /}, {@code /incidents/inc-1}, {@code /history},
 * {@code /history/2}) and under a language prefix ({@code /en}, {@code /en/incidents/inc-1}, {@code /es/history/2}).
 * Links keep the prefix the reader came with. In the export a page at {@code /a/b} is the file {@code a/b/index.html}
 * (the plain paths in the default language), which a plain web server serves at {@code /a/b/}.
 */
public final class SitePaths {

    private SitePaths() {
    }

    /** The language of a request: the path's prefix, else {@code ?lang=}, else {@code Accept-Language}, else the default. */
    public static String language(String path, String queryLang, String acceptLanguage, String defaultLang) {
        String prefix = prefix(path);
        return prefix != null ? prefix : Languages.choose(queryLang, acceptLanguage, defaultLang);
    }

    /** The supported language a path starts with ({@code /en}, {@code /en/...}), or null. */
    public static String prefix(String path) {
        for (String lang : Languages.SUPPORTED) {
            if (path.equals("/" + lang) || path.startsWith("/" + lang + "/")) {
                return lang;
            }
        }
        return null;
    }

    /** The start of every link of a page: empty for the plain paths, {@code /en} for a language chosen explicitly. */
    public static String base(String explicitLang) {
        return explicitLang == null ? "" : "/" + explicitLang.toLowerCase(Locale.ROOT);
    }

    public static String home(String base) {
        return base.isEmpty() ? "/" : base;
    }

    public static String incident(String base, String id) {
        return base + "/incidents/" + id;
    }

    public static String history(String base, int page) {
        return page <= 1 ? base + "/history" : base + "/history/" + page;
    }

    /** Whether an id can be a path segment of the export (ids are {@code [A-Za-z0-9._:-]}, which allows {@code ..}). */
    public static boolean safeSegment(String id) {
        return id != null && !id.isEmpty() && !id.equals(".") && !id.equals("..") && id.matches("[A-Za-z0-9._:-]+");
    }

    /** The export file of a page path: {@code /} is {@code index.html}, {@code /a/b} is {@code a/b/index.html}. */
    public static String file(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        for (String segment : trimmed.split("/")) {
            if (!trimmed.isEmpty() && !safeSegment(segment)) {
                throw new IllegalArgumentException("not a page path: " + path);
            }
        }
        return trimmed.isEmpty() ? "index.html" : trimmed + "/index.html";
    }
}
