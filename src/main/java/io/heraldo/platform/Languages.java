package io.heraldo.platform;

import java.util.List;
import java.util.Locale;

/** Which of the supported languages a reader gets. */
public final class Languages {

    public static final List<String> SUPPORTED = List.of("es", "en");

    private Languages() {
    }

    /** {@code ?lang=} first, then the first supported language of {@code Accept-Language}, else the default. */
    public static String choose(String explicit, String acceptLanguage, String defaultLang) {
        if (explicit != null && SUPPORTED.contains(explicit.toLowerCase(Locale.ROOT))) {
            return explicit.toLowerCase(Locale.ROOT);
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    if (range.getWeight() == 0) {
                        continue; // q=0: the reader does not want this language (RFC 9110, 12.4.2)
                    }
                    String primary = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (SUPPORTED.contains(primary)) {
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
