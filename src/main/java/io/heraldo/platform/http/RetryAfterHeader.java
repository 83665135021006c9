package io.heraldo.platform.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** {@code Retry-After} (RFC 9110, 10.2.3) read leniently. Plain functions. */
public final class RetryAfterHeader {

    /** Read no further: retry policies keep a hint within twice the scheduled wait anyway. */
    public static final Duration LONGEST = Duration.ofHours(10);

    private RetryAfterHeader() {
    }

    /** Delta-seconds or an HTTP date, at most {@link #LONGEST}; {@code null} when absent or unreadable. */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        Duration after;
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                after = Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException e) {
                after = LONGEST;
            }
        } else {
            try {
                after = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return bounded(after);
    }

    /** A wait a service gave in its own words (seconds, milliseconds), kept between zero and {@link #LONGEST}. */
    public static Duration bounded(Duration after) {
        if (after.isNegative()) {
            return Duration.ZERO;
        }
        return after.compareTo(LONGEST) > 0 ? LONGEST : after;
    }
}
