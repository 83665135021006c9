package io.heraldo.platform;

import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which of the languages of {@code heraldo.languages} (default {@code es,en}) a reader gets. A language is a
 * configuration change plus its message bundles: {@code pt} ships with them.
 */
public final class Languages {

    /** {@code heraldo.languages} when not configured. */
    public static final List<String> DEFAULT = List.of("es", "en");
    /** The languages with message bundles: {@code heraldo.languages} may name these. */
    public static final List<String> BUNDLED = List.of("es", "en", "pt");
    /** The property, read here for the static helpers of the request path (paths, keys, validation). */
    static final String PROPERTY = "heraldo.languages";
    /** The last configuration read and its languages (a test JVM has more than one configuration). */
    private static volatile Read read;

    private Languages() {
    }

    /**
     * The configured languages ({@code heraldo.languages}), each lower case, in their order. Read from the
     * configuration of the running application ({@link HeraldoConfig#languages()} is the same property); outside it
     * (plain unit tests) the default.
     */
    public static List<String> supported() {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (IllegalStateException | IllegalArgumentException noConfiguration) {
            return DEFAULT;
        }
        // read once per configuration: request paths ask on every request
        Read last = read;
        if (last == null || last.config() != config) {
            last = new Read(config, config.getOptionalValues(PROPERTY, String.class).map(Languages::normalised)
                    .orElse(DEFAULT));
            read = last;
        }
        return last.languages();
    }

    /** The languages read from one configuration. */
    private record Read(Config config, List<String> languages) {
    }

    private static List<String> normalised(List<String> languages) {
        return languages.stream().map(l -> l.strip().toLowerCase(Locale.ROOT)).filter(l -> !l.isEmpty()).distinct()
                .toList();
    }

    /** {@code ?lang=} first, then the first supported language of {@code Accept-Language}, else the default. */
    public static String choose(String explicit, String acceptLanguage, String defaultLang) {
        List<String> supported = supported();
        if (explicit != null && supported.contains(explicit.toLowerCase(Locale.ROOT))) {
            return explicit.toLowerCase(Locale.ROOT);
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    if (range.getWeight() == 0) {
                        continue; // q=0: the reader does not want this language (RFC 9110, 12.4.2)
                    }
                    String primary = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (supported.contains(primary)) {
                        return primary;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // a malformed header gets the default language
            }
        }
        return defaultLang;
    }
}
