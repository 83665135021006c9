package io.heraldo.channel.email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.StoryEvents;
import io.heraldo.channel.Notification.ComponentRef;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;

/**
 * Notifications as the fan-out would make them from the example outage of {@code src/test/resources/events}: the
 * titles, bodies and times are the producer's, the rest (status before, thread, sequence) is what the fan-out knows.
 */
final class OutageNotifications {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String LDAP_INCIDENT = "inc-ldap-auth";
    static final String LDAP_MAINTENANCE = "mnt-ldap-2";
    static final String MAILBOX_MAINTENANCE = "mnt-mailbox-7";

    private static final ComponentRef LDAP = new ComponentRef("ldap", "LDAP (usuarios y configuraciones)", "operational", null);
    private static final ComponentRef PROXY = new ComponentRef("proxy", "Balanceador / Proxy", "operational", null);
    private static final ComponentRef MAILBOX = new ComponentRef("mailbox", "Mailbox", "operational", null);

    private OutageNotifications() {
    }

    static Notification incidentOpened() {
        JsonNode event = event("09-incident-ldap-opened.json");
        return incident(event, NotificationKind.INCIDENT_OPENED, "investigating", List.of(
                changed(LDAP, "major_outage", "operational"), changed(PROXY, "partial_outage", "operational")));
    }

    static Notification incidentIdentified() {
        return incident(event("10-incident-ldap-identified.json"), NotificationKind.INCIDENT_UPDATED, "identified",
                List.of(changed(LDAP, "major_outage", null), changed(PROXY, "partial_outage", null)));
    }

    static Notification incidentResolved() {
        return incident(event("12-incident-ldap-resolved.json"), NotificationKind.INCIDENT_RESOLVED, "resolved", List.of(
                changed(LDAP, "operational", "degraded_performance"), changed(PROXY, "operational", null)));
    }

    private static Notification incident(JsonNode event, NotificationKind kind, String status, List<ComponentRef> components) {
        JsonNode opened = event("09-incident-ldap-opened.json");
        return new Notification(event.get("id").asText(), event.get("id").asText(), kind, LDAP_INCIDENT,
                opened.at("/data/incident/title").asText(), status, null, "critical",
                event.at("/data/update/body").asText(), "es", null, components, time(event), time(opened), null, null, 0,
                opened.get("id").asText(), null);
    }

    static Notification maintenanceScheduled() {
        return maintenance(event("05-maintenance-ldap-scheduled.json"), NotificationKind.MAINTENANCE_SCHEDULED,
                "scheduled", null, 0);
    }

    static Notification maintenanceUpdated() {
        Notification scheduled = maintenanceScheduled();
        return new Notification("zbox-2015-05b", "zbox-2015-05b", NotificationKind.MAINTENANCE_UPDATED,
                LDAP_MAINTENANCE, scheduled.title(), "scheduled", "scheduled", null,
                "Movemos el inicio media hora: comenzaremos a las 22:30.", "es", null, scheduled.components(),
                scheduled.occurredAt().plusHours(1), null, scheduled.scheduledFor().plusMinutes(30),
                scheduled.scheduledUntil(), 1, scheduled.id(), null);
    }

    static Notification maintenanceReminder() {
        Notification scheduled = maintenanceScheduled();
        return new Notification("reminder:" + LDAP_MAINTENANCE + ":" + scheduled.scheduledFor().toEpochSecond(),
                scheduled.eventId(), NotificationKind.MAINTENANCE_REMINDER, LDAP_MAINTENANCE, scheduled.title(),
                "scheduled", "scheduled", null, scheduled.body(), "es", null, scheduled.components(),
                scheduled.scheduledFor().minusHours(1), null, scheduled.scheduledFor(), scheduled.scheduledUntil(),
                scheduled.sequence(), scheduled.id(), null);
    }

    static Notification maintenanceStarted() {
        return maintenance(event("06-maintenance-ldap-started.json"), NotificationKind.MAINTENANCE_STARTED,
                "in_progress", "scheduled", 1);
    }

    static Notification maintenanceCompleted() {
        return maintenance(event("07-maintenance-ldap-completed.json"), NotificationKind.MAINTENANCE_COMPLETED,
                "completed", "in_progress", 2);
    }

    static Notification maintenanceCancelled() {
        JsonNode scheduled = event("08-maintenance-mailbox-scheduled.json");
        return new Notification("zbox-2015-08c", "zbox-2015-08c", NotificationKind.MAINTENANCE_CANCELLED,
                MAILBOX_MAINTENANCE, scheduled.at("/data/maintenance/title").asText(), "cancelled", "scheduled", null,
                "Postergamos la activación: el nuevo servidor Mailbox necesita otra revisión.", "es", null,
                List.of(MAILBOX, PROXY), time(scheduled).plusHours(2), null,
                OffsetDateTime.parse(scheduled.at("/data/maintenance/scheduledFor").asText()),
                OffsetDateTime.parse(scheduled.at("/data/maintenance/scheduledUntil").asText()), 1, "zbox-2015-08", null);
    }

    private static Notification maintenance(JsonNode event, NotificationKind kind, String status, String previous,
            int sequence) {
        JsonNode scheduled = event("05-maintenance-ldap-scheduled.json");
        OffsetDateTime from = OffsetDateTime.parse(scheduled.at("/data/maintenance/scheduledFor").asText());
        ComponentRef ldap = "in_progress".equals(status) ? changed(LDAP, "under_maintenance", "operational") : LDAP;
        return new Notification(event.get("id").asText(), event.get("id").asText(), kind, LDAP_MAINTENANCE,
                scheduled.at("/data/maintenance/title").asText(), status, previous, null,
                event.at("/data/update/body").asText(), "es", null, List.of(ldap), time(event),
                "scheduled".equals(status) ? null : from, from,
                OffsetDateTime.parse(scheduled.at("/data/maintenance/scheduledUntil").asText()), sequence,
                scheduled.get("id").asText(), null);
    }

    static Notification notice() {
        JsonNode event = event("16-notice-ayuda.json");
        return new Notification(event.get("id").asText(), event.get("id").asText(), NotificationKind.NOTICE,
                "notice-ayuda", event.at("/data/notice/title").asText(), null, null, null,
                event.at("/data/notice/body").asText(), "es", null, List.of(), time(event), null, null, null, 0,
                event.get("id").asText(), null);
    }

    static Notification componentChanged() {
        JsonNode event = event("13-component-mailbox-outage.json");
        return new Notification(event.get("id").asText(), event.get("id").asText(), NotificationKind.COMPONENT_CHANGED,
                "mailbox", "Mailbox", "major_outage", "operational", null, event.at("/data/reason").asText(), "es", null,
                List.of(changed(MAILBOX, "major_outage", "operational")), time(event), null, null, null, 0,
                event.get("id").asText(), null);
    }

    /** Every kind once, in the order of the story. */
    static List<Notification> everyKind() {
        return List.of(incidentOpened(), incidentIdentified(), incidentResolved(), maintenanceScheduled(),
                maintenanceUpdated(), maintenanceReminder(), maintenanceStarted(), maintenanceCompleted(),
                maintenanceCancelled(), notice(), componentChanged());
    }

    /** The same notification with other text, for hostile input. */
    static Notification withText(Notification n, String title, String body) {
        return new Notification(n.id(), n.eventId(), n.kind(), n.subjectId(), title, n.status(), n.previousStatus(),
                n.impact(), body, n.lang(), n.tweet(), n.components(), n.occurredAt(), n.startedAt(), n.scheduledFor(),
                n.scheduledUntil(), n.sequence(), n.threadId(), n.channels());
    }

    /** The same notification, at another instant given in UTC (the composer must show it in the page's zone). */
    static Notification occurredAt(Notification n, Instant instant) {
        return new Notification(n.id(), n.eventId(), n.kind(), n.subjectId(), n.title(), n.status(), n.previousStatus(),
                n.impact(), n.body(), n.lang(), n.tweet(), n.components(), instant.atOffset(ZoneOffset.UTC),
                n.startedAt(), n.scheduledFor(), n.scheduledUntil(), n.sequence(), n.threadId(), n.channels());
    }

    private static ComponentRef changed(ComponentRef component, String status, String oldStatus) {
        return new ComponentRef(component.id(), component.name(), status, oldStatus);
    }

    private static OffsetDateTime time(JsonNode event) {
        return OffsetDateTime.parse(event.get("time").asText());
    }

    private static JsonNode event(String name) {
        try {
            return JSON.readTree(StoryEvents.bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
