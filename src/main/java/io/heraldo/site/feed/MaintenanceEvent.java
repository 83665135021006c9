package io.heraldo.site.feed;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The VEVENT of one maintenance window, with the rules every calendar Heraldo writes keeps so that a calendar that
 * got the invitation by mail and one subscribed to {@code maintenance.ics} see the same event move: the {@code UID}
 * is the maintenance id at the domain of {@code heraldo.email.from}, the {@code SEQUENCE} is the maintenance's
 * revision (it rises with each change), a cancelled maintenance is {@code STATUS:CANCELLED}, times are in UTC.
 *
 * @param maintenanceId the maintenance id
 * @param title the maintenance title (plain text)
 * @param description the latest update's text, or {@code null}
 * @param url the maintenance's page
 * @param scheduledFor window start
 * @param scheduledUntil window end, or {@code null}
 * @param stamp when this version of the maintenance was made (DTSTAMP)
 * @param revision the maintenance revision, rising with every change
 * @param cancelled whether the maintenance was cancelled
 */
public record MaintenanceEvent(String maintenanceId, String title, String description, String url,
        OffsetDateTime scheduledFor, OffsetDateTime scheduledUntil, OffsetDateTime stamp, int revision,
        boolean cancelled) {

    public MaintenanceEvent {
        Objects.requireNonNull(maintenanceId);
        Objects.requireNonNull(scheduledFor, "scheduledFor");
        Objects.requireNonNull(stamp, "stamp");
    }

    /** Stable for the life of the maintenance, so each new version updates the same calendar entry. */
    public static String uid(String maintenanceId, String domain) {
        return maintenanceId + "@" + domain;
    }

    /** The domain of an email address, which completes every {@code UID}. */
    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** Never negative: RFC 5545 SEQUENCE starts at 0. */
    public int sequence() {
        return Math.max(0, revision);
    }

    /**
     * Appends {@code BEGIN:VEVENT} to {@code END:VEVENT}.
     *
     * @param domain completes the {@code UID}
     * @param extraLines content lines of the caller (organizer, attendee), written after {@code URL}
     */
    public void write(StringBuilder out, String domain, String... extraLines) {
        ICalendar.line(out, "BEGIN:VEVENT");
        ICalendar.line(out, "UID:" + uid(maintenanceId, domain));
        ICalendar.line(out, "SEQUENCE:" + sequence());
        ICalendar.line(out, "DTSTAMP:" + ICalendar.utc(stamp));
        ICalendar.line(out, "DTSTART:" + ICalendar.utc(scheduledFor));
        if (scheduledUntil != null) {
            ICalendar.line(out, "DTEND:" + ICalendar.utc(scheduledUntil));
        }
        ICalendar.line(out, "SUMMARY:" + ICalendar.text(title));
        if (description != null && !description.isBlank()) {
            ICalendar.line(out, "DESCRIPTION:" + ICalendar.text(description));
        }
        ICalendar.line(out, "URL:" + url);
        for (String line : extraLines) {
            ICalendar.line(out, line);
        }
        ICalendar.line(out, "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
        // Maintenance is something to know about, not time the reader is busy.
        ICalendar.line(out, "TRANSP:TRANSPARENT");
        ICalendar.line(out, "END:VEVENT");
    }
}
