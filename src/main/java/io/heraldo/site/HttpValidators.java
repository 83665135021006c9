package io.heraldo.site;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import io.heraldo.platform.Languages;

/**
 * The caching decision for the public site's GETs. What a public document shows depends only on the page revision
 * (bumped by every applied change), on the request (path, language, the query parameters that matter: see
 * {@link DocumentKey}) and on the day in the page's time zone (uptime bars, "upcoming"): the validators are built
 * from exactly those, so a change shows as soon as the revision is read again ({@link PageRevision}) and an
 * unchanged document costs a 304.
 *
 * @param etag a weak entity tag ({@code W/"..."}): a document is sent plain or gzip-compressed, the same content in
 *        other bytes, which a strong tag would have to tell apart
 * @param lastModified the later of the last change and the start of the day, to the second; null while that
 *        second is too recent to validate with
 */
public record HttpValidators(String etag, Instant lastModified) {

    /** IMF-fixdate (RFC 9110, 5.6.7): two-digit day, English names. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ENGLISH);

    /** Every path of the public site served from the status: pages, API v2, feeds, calendar, badges. */
    public static boolean covers(String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        return path.equals("/") || path.equals("") || path.startsWith("/api/v2/") || path.equals("/history")
                || path.startsWith("/history/") || path.startsWith("/history.") || path.startsWith("/incidents/")
                || path.equals("/maintenance.ics") || path.equals(BadgesResource.PAGE) || path.startsWith(BadgesResource.COMPONENT)
                || Languages.supported().stream().anyMatch(
                        lang -> path.equals("/" + lang) || path.startsWith("/" + lang + "/"));
    }

    /** How old the last change must be before its second-precise date can tell copies apart. */
    static final java.time.Duration SETTLED = java.time.Duration.ofSeconds(2);

    /**
     * @param readAt when the revision was read: a change in the same second as another cannot be told apart by a
     *        date to the second, so {@code Last-Modified} is left out (and only the ETag validates) until the last
     *        change is {@link #SETTLED} old
     */
    public static HttpValidators of(long revision, Instant updatedAt, LocalDate today, ZoneId zone, String path,
            String query, String lang, Instant readAt) {
        return at(etag(revision, today, path, query, lang), changed(updatedAt, today, zone), readAt);
    }

    /** The weak tag of a document: its revision, day, path, query and language. */
    public static String etag(long revision, LocalDate today, String path, String query, String lang) {
        String key = revision + "\n" + today + "\n" + lang + "\n" + path + "\n" + (query == null ? "" : query);
        return "W/\"" + revision + "-" + sha256(key).substring(0, 16) + "\"";
    }

    /** The date a document changed: the later of the last change and the start of the day, to the second. */
    public static Instant changed(Instant updatedAt, LocalDate today, ZoneId zone) {
        Instant dayStart = today.atStartOfDay(zone).toInstant();
        return (updatedAt.isAfter(dayStart) ? updatedAt : dayStart).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The validators of a document that {@link #changed} then, as of a revision read at {@code readAt}. */
    public static HttpValidators at(String etag, Instant changed, Instant readAt) {
        return new HttpValidators(etag, readAt.isBefore(changed.plus(SETTLED)) ? null : changed);
    }

    /**
     * Whether the client's copy is current (RFC 9110, 13.2.2): {@code If-None-Match} decides when present (weak
     * comparison, {@code *} matches); otherwise {@code If-Modified-Since}.
     */
    public boolean notModified(String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || opaque(t).equals(opaque(etag))) {
                    return true;
                }
            }
            return false;
        }
        if (lastModified != null && ifModifiedSince != null && !ifModifiedSince.isBlank()) {
            try {
                Instant since = ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return !lastModified.isAfter(since);
            } catch (DateTimeParseException e) {
                return false; // an unreadable date is ignored (RFC 9110, 13.1.3)
            }
        }
        return false;
    }

    /** {@code Last-Modified} as HTTP writes dates; null when there is none to send. */
    public String lastModifiedHeader() {
        return lastModified == null ? null : httpDate(lastModified);
    }

    /** A date as HTTP writes it (IMF-fixdate). */
    public static String httpDate(Instant time) {
        return HTTP_DATE.format(time.atZone(ZoneId.of("GMT")));
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
