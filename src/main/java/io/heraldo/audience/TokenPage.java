package io.heraldo.audience;

import java.util.Locale;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.TemplateInstance;

/**
 * A page a subscriber reaches through a link with their token in it (confirm, unsubscribe, their own page): the token
 * is in the address, so the answer is kept out of caches and other sites' logs, and runs no script.
 */
public final class TokenPage {

    private TokenPage() {
    }

    public static Response of(int status, TemplateInstance page, String lang) {
        return Response.status(status)
                .entity(page.setLocale(Locale.forLanguageTag(lang)).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Language", lang)
                .build();
    }
}
