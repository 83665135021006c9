package io.heraldo.channel.email;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import io.heraldo.fanout.Notification;
import io.heraldo.fanout.NotificationKind;

/**
 * Writes a maintenance window as an iCalendar object (RFC 5545) with an iTIP method (RFC 5546), so mail clients
 * offer to put it in the reader's calendar and move or remove it when it changes: the {@code UID} is the same for
 * every mail about one maintenance and the {@code SEQUENCE} rises with each change.
 */
public final class MaintenanceCalendar {

    /** Content lines are folded at 75 octets, the limit of RFC 5545, section 3.1. */
    private static final int MAX_LINE_OCTETS = 75;
    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private final String organizerName;
    private final String organizerAddress;
    private final String domain;

    /**
     * @param organizerName shown as the organizer (the page name)
     * @param organizerAddress the {@code From} address; its domain completes every {@code UID}
     */
    public MaintenanceCalendar(String organizerName, String organizerAddress) {
        this.organizerName = Objects.requireNonNull(organizerName);
        this.organizerAddress = Objects.requireNonNull(organizerAddress);
        this.domain = organizerAddress.substring(organizerAddress.lastIndexOf('@') + 1);
    }

    /** {@code CANCEL} for a cancelled maintenance, else {@code PUBLISH}. */
    public static String method(NotificationKind kind) {
        return kind == NotificationKind.MAINTENANCE_CANCELLED ? "CANCEL" : "PUBLISH";
    }

    /**
     * The calendar of one maintenance notification.
     *
     * @param maintenance a maintenance notification with {@code scheduledFor}
     * @param url the maintenance's page
     * @param attendee the recipient's address: RFC 5546 wants the attendees named in a {@code CANCEL}
     * @return the VCALENDAR text, CRLF line endings
     */
    public String write(Notification maintenance, String url, String attendee) {
        if (!maintenance.kind().isMaintenance() || maintenance.scheduledFor() == null) {
            throw new IllegalArgumentException("not a scheduled maintenance: " + maintenance.id());
        }
        boolean cancelled = maintenance.kind() == NotificationKind.MAINTENANCE_CANCELLED;
        StringBuilder out = new StringBuilder(1024);
        line(out, "BEGIN:VCALENDAR");
        line(out, "PRODID:-//Heraldo//Heraldo status notifications//EN");
        line(out, "VERSION:2.0");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:" + method(maintenance.kind()));
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + uid(maintenance.subjectId()));
        line(out, "SEQUENCE:" + Math.max(0, maintenance.sequence()));
        line(out, "DTSTAMP:" + utc(maintenance.occurredAt()));
        line(out, "DTSTART:" + utc(maintenance.scheduledFor()));
        if (maintenance.scheduledUntil() != null) {
            line(out, "DTEND:" + utc(maintenance.scheduledUntil()));
        }
        line(out, "SUMMARY:" + text(maintenance.title()));
        if (maintenance.body() != null && !maintenance.body().isBlank()) {
            line(out, "DESCRIPTION:" + text(maintenance.body()));
        }
        line(out, "URL:" + url);
        line(out, "ORGANIZER;CN=" + parameter(organizerName) + ":mailto:" + organizerAddress);
        if (cancelled && attendee != null) {
            line(out, "ATTENDEE;RSVP=FALSE:mailto:" + attendee);
        }
        line(out, "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
        // Maintenance is something to know about, not time the reader is busy.
        line(out, "TRANSP:TRANSPARENT");
        line(out, "END:VEVENT");
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** Stable for the life of the maintenance, so each new mail updates the same calendar entry. */
    public String uid(String maintenanceId) {
        return maintenanceId + "@" + domain;
    }

    private static String utc(OffsetDateTime time) {
        return UTC.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks escaped; other controls dropped. */
    static String text(String value) {
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
    static String parameter(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().filter(c -> c != '"' && !Character.isISOControl(c)).forEach(out::appendCodePoint);
        return out.append('"').toString();
    }

    /** Appends one content line, folded at 75 octets between whole UTF-8 sequences (RFC 5545, 3.1). */
    static void line(StringBuilder out, String content) {
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
