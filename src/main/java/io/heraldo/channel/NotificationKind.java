package io.heraldo.channel;

/** What a notification tells. */
public enum NotificationKind {
    INCIDENT_OPENED,
    INCIDENT_UPDATED,
    INCIDENT_RESOLVED,
    MAINTENANCE_SCHEDULED,
    MAINTENANCE_UPDATED,
    MAINTENANCE_STARTED,
    MAINTENANCE_COMPLETED,
    MAINTENANCE_CANCELLED,
    /** Sent once, {@code heraldo.maintenance.remind-before} ahead of the start. */
    MAINTENANCE_REMINDER,
    NOTICE,
    /** A bare component.status_changed: email only with {@code heraldo.email.component-changes=true}. */
    COMPONENT_CHANGED;

    public boolean isIncident() {
        return name().startsWith("INCIDENT_");
    }

    public boolean isMaintenance() {
        return name().startsWith("MAINTENANCE_");
    }
}
