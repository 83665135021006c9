package io.heraldo.channel.chat;

import java.util.regex.Pattern;

import io.heraldo.channel.chat.ChatService.InvalidDestination;
import io.heraldo.platform.http.TargetGuard;

/** The checks the services' fields share; each names its field when it refuses. Plain functions. */
public final class Fields {

    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{8,500}");

    private Fields() {
    }

    /** An absolute http(s) URL with a host and no credentials or fragment (the guard's form rules), normalised. */
    public static String url(String field, String value) throws InvalidDestination {
        try {
            return TargetGuard.parse(value).toString();
        } catch (TargetGuard.RefusedTarget e) {
            throw new InvalidDestination(field, e.getMessage());
        }
    }

    /** A secret token: 8 to 500 visible ASCII characters. */
    public static String token(String field, String value) throws InvalidDestination {
        String token = required(field, value);
        if (!TOKEN.matcher(token).matches()) {
            throw new InvalidDestination(field, "must be 8 to 500 visible ASCII characters, without spaces");
        }
        return token;
    }

    public static String matching(String field, String value, Pattern pattern, String what) throws InvalidDestination {
        String text = required(field, value);
        if (!pattern.matcher(text).matches()) {
            throw new InvalidDestination(field, "must be " + what);
        }
        return text;
    }

    public static String required(String field, String value) throws InvalidDestination {
        if (value == null || value.isBlank()) {
            throw new InvalidDestination(field, "is required");
        }
        return value;
    }

    /** {@code base/path}, with one slash between them. */
    public static String join(String base, String path) {
        return (base.endsWith("/") ? base : base + "/") + (path.startsWith("/") ? path.substring(1) : path);
    }

    /** The URL with {@code query} added to its query string. */
    public static String withQuery(String url, String query) {
        return url + (url.contains("?") ? "&" : "?") + query;
    }
}
