package io.heraldo.channel.chat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * What listings show of secrets: enough to tell two destinations apart, never enough to post. Plain functions.
 */
public final class Masks {

    static final String HIDDEN = "****";
    /** A path segment that names a service's route ({@code services}, {@code api}, {@code v1}), not a secret. */
    private static final Pattern ROUTE = Pattern.compile("[a-z][a-z0-9-]{0,11}");

    private Masks() {
    }

    /**
     * A webhook URL with its host and route kept and the rest hidden:
     * {@code https://hooks.slack.com/services/T0…/****}; a query is hidden whole.
     */
    public static String url(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return HIDDEN;
        }
        StringBuilder out = new StringBuilder();
        out.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() > 0) {
            out.append(':').append(uri.getPort());
        }
        String[] segments = uri.getRawPath() == null ? new String[0] : uri.getRawPath().split("/");
        int i = 0;
        while (i < segments.length && (segments[i].isEmpty() || ROUTE.matcher(segments[i]).matches())) {
            if (!segments[i].isEmpty()) {
                out.append('/').append(segments[i]);
            }
            i++;
        }
        if (i < segments.length) {
            String secret = segments[i];
            out.append('/').append(secret, 0, Math.min(2, secret.length())).append('…');
            if (i + 1 < segments.length) {
                out.append('/').append(HIDDEN);
            }
        }
        if (uri.getRawQuery() != null) {
            out.append('?').append(HIDDEN);
        }
        return out.toString();
    }

    /** A token's first four characters: {@code xoxb…}. */
    public static String token(String token) {
        if (token == null || token.length() < 12) {
            return HIDDEN;
        }
        return token.substring(0, 4) + "…";
    }
}
