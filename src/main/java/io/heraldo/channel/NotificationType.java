package io.heraldo.channel;

import java.util.Arrays;
import java.util.Optional;

/**
 * The event type of a notification, one per notification kind: the contract's event types, plus
 * {@code maintenance.reminder}, which no producer publishes (Heraldo sends it ahead of a maintenance). A webhook's
 * {@code type}; webhook endpoints and chat destinations filter on these names.
 */
public enum NotificationType {
    INCIDENT_OPENED("incident.opened", NotificationKind.INCIDENT_OPENED),
    INCIDENT_UPDATED("incident.updated", NotificationKind.INCIDENT_UPDATED),
    INCIDENT_RESOLVED("incident.resolved", NotificationKind.INCIDENT_RESOLVED),
    COMPONENT_STATUS_CHANGED("component.status_changed", NotificationKind.COMPONENT_CHANGED),
    MAINTENANCE_SCHEDULED("maintenance.scheduled", NotificationKind.MAINTENANCE_SCHEDULED),
    MAINTENANCE_UPDATED("maintenance.updated", NotificationKind.MAINTENANCE_UPDATED),
    MAINTENANCE_STARTED("maintenance.started", NotificationKind.MAINTENANCE_STARTED),
    MAINTENANCE_COMPLETED("maintenance.completed", NotificationKind.MAINTENANCE_COMPLETED),
    MAINTENANCE_CANCELLED("maintenance.cancelled", NotificationKind.MAINTENANCE_CANCELLED),
    MAINTENANCE_REMINDER("maintenance.reminder", NotificationKind.MAINTENANCE_REMINDER),
    NOTICE_PUBLISHED("notice.published", NotificationKind.NOTICE);

    private final String wire;
    private final NotificationKind kind;

    NotificationType(String wire, NotificationKind kind) {
        this.wire = wire;
        this.kind = kind;
    }

    public String wire() {
        return wire;
    }

    public static NotificationType of(NotificationKind kind) {
        return Arrays.stream(values()).filter(t -> t.kind == kind).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no webhook type for " + kind));
    }

    public static Optional<NotificationType> ofWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
