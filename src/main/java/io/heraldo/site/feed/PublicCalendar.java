package io.heraldo.site.feed;

import java.util.List;

/**
 * The public {@code maintenance.ics}: one VEVENT per maintenance, written by the rules of {@link MaintenanceEvent}.
 * No iTIP method: this is a calendar to subscribe to, not an invitation; a cancelled maintenance stays in it as
 * {@code STATUS:CANCELLED} so subscribed calendars strike it through rather than lose it silently.
 */
public final class PublicCalendar {

    /** The newest maintenances by start, at most this many: older ones leave the calendar. */
    public static final int LIMIT = 500;

    private PublicCalendar() {
    }

    /**
     * @param name the page name, shown by clients as the calendar's name
     * @param domain completes every {@code UID}: the domain of {@code heraldo.email.from}, as in the mails
     */
    public static String write(String name, String domain, List<MaintenanceEvent> maintenances) {
        StringBuilder out = new StringBuilder(512 + maintenances.size() * 600);
        ICalendar.line(out, "BEGIN:VCALENDAR");
        ICalendar.line(out, "PRODID:-//Heraldo//Heraldo status page//EN");
        ICalendar.line(out, "VERSION:2.0");
        ICalendar.line(out, "CALSCALE:GREGORIAN");
        ICalendar.line(out, "X-WR-CALNAME:" + ICalendar.text(name));
        for (MaintenanceEvent maintenance : maintenances) {
            maintenance.write(out, domain);
        }
        ICalendar.line(out, "END:VCALENDAR");
        return out.toString();
    }
}
