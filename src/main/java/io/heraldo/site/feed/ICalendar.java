package io.heraldo.site.feed;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How Heraldo writes iCalendar (RFC 5545) content lines, shared by the calendar attached to maintenance mail and
 * the public {@code maintenance.ics}: both are written by hand, so both must escape and fold the same way.
 */
public final class ICalendar {

    /** Content lines are folded at 75 octets, the limit of RFC 5545, section 3.1. */
    private static final int MAX_LINE_OCTETS = 75;
    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private ICalendar() {
    }

    /** A DATE-TIME in UTC form ({@code 20150210T010000Z}): no time zone definitions needed. */
    public static String utc(OffsetDateTime time) {
        return UTC.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks escaped; other controls dropped. */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\r' -> {
                    out.append("\\n");
                    if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                        i++; // CRLF is one line break
                    }
                }
                case '\n' -> out.append("\\n");
                default -> {
                    if (c == '\t' || !Character.isISOControl(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A parameter value, always quoted: a quoted value cannot hold a DQUOTE or a control, so those go. */
    public static String parameter(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().filter(c -> c != '"' && !Character.isISOControl(c)).forEach(out::appendCodePoint);
        return out.append('"').toString();
    }

    /** Appends one content line, folded at 75 octets between whole UTF-8 sequences (RFC 5545, 3.1). */
    public static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length();) {
            int codePoint = content.codePointAt(i);
            int size = utf8Length(codePoint);
            if (octets + size > MAX_LINE_OCTETS) {
                out.append(CRLF).append(' ');
                octets = 1; // the leading space of a continuation line counts
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append(CRLF);
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
