package io.heraldo.site;

import java.util.Locale;
import java.util.regex.Pattern;

import io.heraldo.platform.Languages;

/**
 * The site's URL layout, shared by the live pages and the static export so that every link works in both. A page
 * exists at its plain path in the reader's language ({@code /}, {@code /incidents/inc-1}, {@code /history},
 * {@code /history/2}) and under a language prefix ({@code /en}, {@code /en/incidents/inc-1}, {@code /es/history/2}).
 * Links keep the prefix the reader came with. In the export a page at {@code /a/b} is the file {@code a/b/index.html}
 * (the plain paths in the default language), which a plain web server serves at {@code /a/b/}.
 */
public final class SitePaths {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_:-][A-Za-z0-9._:-]{0,254}");

    private SitePaths() {
    }

    /** The language of a request: the path's prefix, else {@code ?lang=}, else {@code Accept-Language}, else the default. */
    public static String language(String path, String queryLang, String acceptLanguage, String defaultLang) {
        String prefix = prefix(path);
        return prefix != null ? prefix : Languages.choose(queryLang, acceptLanguage, defaultLang);
    }

    /** The supported language a path starts with ({@code /en}, {@code /en/...}), or null. */
    public static String prefix(String path) {
        for (String lang : Languages.supported()) {
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

    /**
     * The one rule for a path segment made from an id, a file of the static copy or a page of the site: 1 to 255 of
     * {@code A-Z a-z 0-9 . _ : -}, not starting with a dot. Ids may be {@code .}, {@code ..} or {@code .tmp-x}; a
     * dot start would walk the tree or make a hidden file, which web servers will not serve and among which the
     * export keeps its own ({@code .tmp-*}, {@code .heraldo-revision}).
     */
    public static boolean safeSegment(String id) {
        return id != null && SEGMENT.matcher(id).matches();
    }

    /**
     * The export file of a page path: {@code /} is {@code index.html}, {@code /a/b} is {@code a/b/index.html}. The
     * export directory writes it only when every segment is a {@link #safeSegment}, and skips it otherwise.
     */
    public static String file(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? "index.html" : trimmed + "/index.html";
    }
}
