package io.heraldo.channel.email;

import java.util.Objects;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.site.feed.ICalendar;
import io.heraldo.site.feed.MaintenanceEvent;

/**
 * Writes a maintenance window as an iCalendar object (RFC 5545) with an iTIP method (RFC 5546), so mail clients
 * offer to put it in the reader's calendar and move or remove it when it changes: the {@code UID} is the same for
 * every mail about one maintenance and the {@code SEQUENCE} rises with each change. The VEVENT itself follows the
 * rules of {@link MaintenanceEvent}, shared with the public {@code maintenance.ics}.
 */
public final class MaintenanceCalendar {

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
        this.domain = MaintenanceEvent.domainOf(organizerAddress);
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
        String organizer = "ORGANIZER;CN=" + parameter(organizerName) + ":mailto:" + organizerAddress;
        MaintenanceEvent event = new MaintenanceEvent(maintenance.subjectId(), maintenance.title(), maintenance.body(),
                url, maintenance.scheduledFor(), maintenance.scheduledUntil(), maintenance.occurredAt(),
                maintenance.sequence(), cancelled);
        if (cancelled && attendee != null) {
            event.write(out, domain, organizer, "ATTENDEE;RSVP=FALSE:mailto:" + attendee);
        } else {
            event.write(out, domain, organizer);
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /** Stable for the life of the maintenance, so each new mail updates the same calendar entry. */
    public String uid(String maintenanceId) {
        return MaintenanceEvent.uid(maintenanceId, domain);
    }

    static String text(String value) {
        return ICalendar.text(value);
    }

    static String parameter(String value) {
        return ICalendar.parameter(value);
    }

    static void line(StringBuilder out, String content) {
        ICalendar.line(out, content);
    }
}
