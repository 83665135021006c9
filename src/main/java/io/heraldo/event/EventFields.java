package io.heraldo.event;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reading one field of an event and checking it, each refusal an {@link InvalidEventException} naming the field.
 * <p>
 * Besides the contract's limits, a value must be one the database can store, or the event would be accepted here and
 * fail later, after the admin API answered {@code 202}: text never carries U+0000 (PostgreSQL text cannot hold it),
 * and a time has a four-digit year (as RFC 3339 says; {@link OffsetDateTime} also takes {@code +999999999}) and an
 * offset within ±15:59 (PostgreSQL refuses a wider one, though Java takes up to ±18:00).
 */
final class EventFields {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("\\d{4}-.*", Pattern.DOTALL);
    private static final int MAX_OFFSET_SECONDS = 16 * 3600 - 1;

    private EventFields() {
    }

    static ObjectNode object(ObjectNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidEventException(field + ": is required");
        }
        if (!node.isObject()) {
            throw new InvalidEventException(field + ": must be an object");
        }
        return (ObjectNode) node;
    }

    static String text(ObjectNode parent, String name, String field) {
        String value = optionalText(parent, name, field);
        if (value == null) {
            throw new InvalidEventException(field + ": is required");
        }
        if (value.isBlank()) {
            throw new InvalidEventException(field + ": must not be blank");
        }
        return value;
    }

    /** Every text of an event's JSON is read here, so every one is checked for what cannot be stored. */
    static String optionalText(ObjectNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidEventException(field + ": must be a string");
        }
        return storable(node.asText(), field);
    }

    /** The value itself, unless it holds U+0000. */
    static String storable(String value, String field) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new InvalidEventException(field + ": contains the character U+0000 (NUL), which cannot be stored");
        }
        return value;
    }

    static String id(ObjectNode parent, String field) {
        String id = text(parent, "id", field);
        checkId(id, field);
        return id;
    }

    static void checkId(String id, String field) {
        storable(id, field);
        if (!ID.matcher(id).matches()) {
            throw new InvalidEventException(field + ": '" + abbreviate(id) + "' is not an id (1 to 64 of A-Z a-z 0-9 . _ : -)");
        }
    }

    static void checkLength(String value, int max, String field) {
        if (value != null && value.isBlank()) {
            throw new InvalidEventException(field + ": must not be blank");
        }
        if (value != null && value.codePointCount(0, value.length()) > max) {
            throw new InvalidEventException(field + ": is " + value.codePointCount(0, value.length())
                    + " characters, at most " + max + " allowed");
        }
    }

    static OffsetDateTime timestamp(String value, String field) {
        storable(value, field);
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(field + ": '" + abbreviate(value) + "' is not an RFC 3339 timestamp");
        }
        if (!FOUR_DIGIT_YEAR.matcher(value).matches()) {
            throw new InvalidEventException(field + ": '" + abbreviate(value)
                    + "' is not an RFC 3339 timestamp (the year must be 4 digits, 0000 to 9999)");
        }
        if (Math.abs(time.getOffset().getTotalSeconds()) > MAX_OFFSET_SECONDS) {
            throw new InvalidEventException(field + ": '" + abbreviate(value) + "' has the offset " + time.getOffset()
                    + ", which cannot be stored (at most ±15:59)");
        }
        return time;
    }

    static String lowerCase(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT).trim();
    }

    static void checkDataContentType(String rawContentType, String field) {
        String contentType = lowerCase(rawContentType);
        if (contentType != null && !contentType.startsWith("application/json") && !contentType.contains("+json")) {
            throw new InvalidEventException(field + ": '" + abbreviate(rawContentType) + "' is not JSON; data must be application/json");
        }
    }

    static String requiredHeader(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            throw new InvalidEventException(name + ": header is required in binary mode");
        }
        return value;
    }

    static <E> E wireEnum(String value, Function<String, E> parse, String field) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field + ": " + e.getMessage());
        }
    }

    /** A value quoted in a reason: at most 80 characters, control characters written as escapes. */
    static String abbreviate(String value) {
        String shown = value.length() <= 80 ? value : value.substring(0, 77) + "...";
        StringBuilder out = new StringBuilder(shown.length());
        shown.chars().forEach(ch -> {
            if (Character.isISOControl(ch)) {
                out.append(String.format("\\u%04X", ch));
            } else {
                out.append((char) ch);
            }
        });
        return out.toString();
    }
}
