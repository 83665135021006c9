package io.heraldo.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.platform.HeraldoConfig;

/**
 * The site's one stylesheet, inlined in every page, and the Content-Security-Policy that allows exactly it (by its
 * hash) and nothing else: no script, nothing from another origin, no framing.
 */
@ApplicationScoped
public class SiteStyle {

    private final String css;
    private final String policy;
    private final String metaPolicy;

    public SiteStyle(HeraldoConfig config) {
        try (InputStream in = SiteStyle.class.getResourceAsStream("/site/site.css")) {
            this.css = new String(in.readAllBytes(), StandardCharsets.UTF_8) + barColumns(UptimeHistory.DAYS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The static copy's subscribe form posts to the live site, which may be another origin than the copy's.
        String formAction = "form-action 'self'" + origin(config.publicUrl());
        this.metaPolicy = "default-src 'none'; style-src '" + hash(css) + "'; img-src data:; base-uri 'none'; "
                + formAction;
        this.policy = metaPolicy + "; frame-ancestors 'none'";
    }

    /**
     * The uptime bar's grid, one column a day, and the classes of a run of quiet days ({@code k2} spans 2 columns,
     * and draws them as 2 days, see {@link PageView.Segment}): made here so that they follow the number of days.
     */
    static String barColumns(int days) {
        StringBuilder rules = new StringBuilder("ol.bar{grid-template-columns:repeat(").append(days)
                .append(",minmax(0,1fr))}\n");
        for (int n = 2; n <= days; n++) {
            rules.append(".k").append(n).append("{--n:").append(n).append('}');
        }
        return rules.append('\n').toString();
    }

    public String css() {
        return css;
    }

    /** The header's policy. */
    public String policy() {
        return policy;
    }

    /** The same, for a {@code <meta>} in the page (which cannot carry {@code frame-ancestors}). */
    public String metaPolicy() {
        return metaPolicy;
    }

    static String hash(String text) {
        try {
            return "sha256-" + Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            return " " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
