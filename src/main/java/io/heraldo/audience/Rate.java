package io.heraldo.audience;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * So many requests per period, written {@code 10/10m} ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}, or
 * an ISO-8601 duration such as {@code PT1H}).
 */
public record Rate(int permits, Duration per) {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public Rate {
        if (permits < 1) {
            throw new IllegalArgumentException("a rate needs at least 1 request per period, not " + permits);
        }
        if (per == null || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate needs a positive period");
        }
    }

    /** Parses {@code <permits>/<period>}; the configuration uses it to convert the property. */
    public static Rate of(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: write <requests>/<period>, e.g. 10/10m");
        }
        try {
            return new Rate(Integer.parseInt(parts[0].strip()), period(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a rate: write <requests>/<period>, e.g. 10/10m");
        }
    }

    private static Duration period(String text) {
        Matcher m = SHORT.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a period: write e.g. 30s, 10m, 1h or PT1H");
        }
    }

    @Override
    public String toString() {
        return permits + "/" + per;
    }
}
