package io.heraldo.event;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The event types of the contract, section 1. */
public enum EventType {
    INCIDENT_OPENED("incident.opened"),
    INCIDENT_UPDATED("incident.updated"),
    INCIDENT_RESOLVED("incident.resolved"),
    COMPONENT_STATUS_CHANGED("component.status_changed"),
    MAINTENANCE_SCHEDULED("maintenance.scheduled"),
    MAINTENANCE_UPDATED("maintenance.updated"),
    MAINTENANCE_STARTED("maintenance.started"),
    MAINTENANCE_COMPLETED("maintenance.completed"),
    MAINTENANCE_CANCELLED("maintenance.cancelled"),
    NOTICE_PUBLISHED("notice.published"),
    METRIC_RECORDED("metric.recorded");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static EventType of(String wire) {
        for (EventType type : values()) {
            if (type.wire.equals(wire)) {
                return type;
            }
        }
        throw new InvalidEventException("type: '" + wire + "' is not a known event type (one of " + names() + ")");
    }

    static String names() {
        return Arrays.stream(values()).map(EventType::wire).collect(Collectors.joining(", "));
    }
}
