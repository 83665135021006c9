package io.heraldo.site;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The objects of the Atlassian Statuspage public API v2, field for field, so existing clients and widgets read
 * Heraldo unchanged. Times are ISO 8601 strings in the page's time zone, as Statuspage writes them.
 */
public final class Statuspage {

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private Statuspage() {
    }

    /** A time as Statuspage writes it: ISO 8601 with milliseconds, in the page's time zone; {@code null} stays null. */
    public static String time(java.time.OffsetDateTime time, java.time.ZoneId zone) {
        return time == null ? null : TIME.format(time.atZoneSameInstant(zone));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(String id, String name, String url, String timeZone, String updatedAt) {
    }

    public record Status(String indicator, String description) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Component(String id, String name, String status, String createdAt, String updatedAt, int position,
            String description, boolean showcase, String startDate, String groupId, String pageId,
            @JsonProperty("group") boolean group, boolean onlyShowIfDegraded,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> components) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AffectedComponent(String code, String name, String oldStatus, String newStatus) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record IncidentUpdate(String id, String status, String body, String incidentId, String createdAt,
            String updatedAt, String displayAt, List<AffectedComponent> affectedComponents,
            boolean deliverNotifications, String customTweet, String tweetId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Incident(String id, String name, String status, String createdAt, String updatedAt,
            String monitoringAt, String resolvedAt, String impact, String shortlink, String startedAt, String pageId,
            List<IncidentUpdate> incidentUpdates, List<Component> components) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScheduledMaintenance(String id, String name, String status, String createdAt, String updatedAt,
            String monitoringAt, String resolvedAt, String impact, String shortlink, String startedAt, String pageId,
            List<IncidentUpdate> incidentUpdates, List<Component> components, String scheduledFor,
            String scheduledUntil) {
    }

    // --- documents, one per endpoint ---

    public record StatusDocument(Page page, Status status) {
    }

    public record ComponentsDocument(Page page, List<Component> components) {
    }

    public record IncidentsDocument(Page page, List<Incident> incidents) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScheduledMaintenancesDocument(Page page, List<ScheduledMaintenance> scheduledMaintenances) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(Page page, List<Component> components, List<Incident> incidents,
            List<ScheduledMaintenance> scheduledMaintenances, Status status) {
    }
}
