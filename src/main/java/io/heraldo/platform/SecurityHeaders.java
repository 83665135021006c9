package io.heraldo.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;

/**
 * Security headers on every answer: pages, the APIs, errors and 401s alike, and the management interface's health,
 * metrics and OpenAPI. A header the answer already
 * has is left as it is, so the site's pages keep their own {@code Content-Security-Policy}; any other answer (JSON,
 * feeds, calendars, errors) gets one that allows nothing, since none of them is meant to run or embed anything.
 * {@code Strict-Transport-Security} only when the public URL is https: over plain http it would be ignored, and a
 * local run must not pin a browser to https.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";

    private final boolean https;

    @Inject
    public SecurityHeaders(HeraldoConfig config) {
        this(config.publicUrl().regionMatches(true, 0, "https://", 0, 8));
    }

    SecurityHeaders(boolean https) {
        this.https = https;
    }

    void install(@Observes Router router) {
        addTo(router);
    }

    void install(@Observes ManagementInterface management) {
        addTo(management.router());
    }

    private void addTo(Router router) {
        // Before every other route, so the headers are there however the answer is produced.
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(end -> add(context.response().headers()));
            context.next();
        });
    }

    void add(MultiMap headers) {
        setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        setIfAbsent(headers, "Referrer-Policy", "no-referrer");
        setIfAbsent(headers, "X-Frame-Options", "DENY");
        setIfAbsent(headers, "Permissions-Policy",
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
        setIfAbsent(headers, "Cross-Origin-Opener-Policy", "same-origin");
        if (https) {
            setIfAbsent(headers, "Strict-Transport-Security", "max-age=31536000");
        }
        String type = headers.get("Content-Type");
        if (type == null || !type.regionMatches(true, 0, "text/html", 0, 9)) {
            setIfAbsent(headers, "Content-Security-Policy", NON_PAGE_CSP);
        }
    }

    private static void setIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
