package io.heraldo.inbox;

import io.heraldo.platform.Languages;

/** The language of a reply: the message's {@code Content-Language}, else its {@code Accept-Language}, else the default. */
final class SenderLanguage {

    private SenderLanguage() {
    }

    static String of(String contentLanguage, String acceptLanguage, String defaultLang) {
        String fromContent = Languages.choose(null, contentLanguage, null);
        if (fromContent != null) {
            return fromContent;
        }
        return Languages.choose(null, acceptLanguage, defaultLang);
    }
}
