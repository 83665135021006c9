package io.heraldo.inbox;

import java.util.List;

/**
 * The status as the reply shows it, in one language: times already written in the page's time zone for the reader.
 *
 * @param indicator the page's status indicator ({@code none}, {@code minor}... as the site's bundle words it)
 */
public record StatusView(String lang, String pageName, String pageUrl, String indicator, List<IncidentView> incidents,
        List<MaintenanceView> inProgress, List<MaintenanceView> upcoming) {

    /** @param latest the body of the latest update, or empty */
    public record IncidentView(String name, String status, String latest, String latestAt, String url) {
    }

    public record MaintenanceView(String name, String status, String from, String until, String url) {
    }

    /** Whether an auto-reply in {@code during-incidents} mode is due: an incident open or maintenance under way. */
    public boolean eventful() {
        return !incidents.isEmpty() || !inProgress.isEmpty();
    }
}
