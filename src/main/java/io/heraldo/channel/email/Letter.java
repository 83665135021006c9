package io.heraldo.channel.email;

import java.util.List;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;

/**
 * What an email template gets: one notification, made ready for one recipient. Times are already written in the
 * page's time zone for the recipient's language; links are absolute.
 *
 * @param lang the recipient's language ({@code es} or {@code en}); the body stays in {@code notification.lang()}
 * @param headline the subject without the page name: what happened, in words
 * @param subjectUrl the incident or maintenance page, or {@code null} for what has none
 * @param manageUrl the reader's own page: language, components, kinds, unsubscribe
 * @param startedAt when the incident began, only when it is news (an update), else {@code null}
 * @param scheduledFor maintenance window start, or {@code null}
 * @param scheduledUntil maintenance window end, or {@code null}
 * @param calendar whether a calendar invitation goes with the mail
 * @param earlier the earlier updates this mail carries because the reader was not sent them (coalescing), newest
 *        first
 */
public record Letter(Notification notification, String lang, String pageName, String headline, String pageUrl,
        String subjectUrl, String unsubscribeUrl, String manageUrl, String occurredAt, String startedAt, String scheduledFor,
        String scheduledUntil, boolean calendar, List<Earlier> earlier) {

    /**
     * An earlier update, as a mail that carries it shows it.
     *
     * @param body its text, or {@code null}; written in {@code bodyLang}
     */
    public record Earlier(String headline, String occurredAt, String body, String bodyLang) {
    }

    /** The colour of the mail's edge, as the page shows the same state. */
    public String accent() {
        return switch (notification.kind()) {
            case INCIDENT_RESOLVED -> "#1e7e34";
            case INCIDENT_OPENED, INCIDENT_UPDATED -> severity(notification.impact());
            case COMPONENT_CHANGED -> severity(notification.status());
            case NOTICE -> "#57606a";
            default -> "#1a56c4";
        };
    }

    public boolean cancelled() {
        return notification.kind() == NotificationKind.MAINTENANCE_CANCELLED;
    }

    private static String severity(String state) {
        if (state == null) {
            return "#57606a";
        }
        return switch (state) {
            case "critical", "major_outage" -> "#b00020";
            case "major", "partial_outage" -> "#c35400";
            case "minor", "degraded_performance" -> "#b58100";
            case "under_maintenance" -> "#1a56c4";
            case "none", "operational" -> "#1e7e34";
            default -> "#57606a";
        };
    }
}
