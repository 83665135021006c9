package io.heraldo.event;

import java.util.Collection;

import io.heraldo.platform.WireEnum;

/**
 * The page indicator of the Statuspage API, in rising severity. {@code maintenance} ranks below every outage: it
 * shows only while maintenance is the only thing going on.
 */
public enum StatusIndicator implements WireEnum {
    NONE("none", "All Systems Operational"),
    MAINTENANCE("maintenance", "Service Under Maintenance"),
    MINOR("minor", "Minor Service Outage"),
    MAJOR("major", "Partial System Outage"),
    CRITICAL("critical", "Major System Outage");

    private final String wire;
    private final String description;

    StatusIndicator(String wire, String description) {
        this.wire = wire;
        this.description = description;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Statuspage's English description of the indicator. */
    public String description() {
        return description;
    }

    /**
     * The page indicator: the worst of the open incidents' impacts and of the components' statuses;
     * {@code maintenance} while a maintenance is in progress and nothing is worse.
     */
    public static StatusIndicator of(Collection<Impact> openIncidentImpacts, Collection<ComponentStatus> componentStatuses,
            boolean maintenanceInProgress) {
        StatusIndicator worst = maintenanceInProgress ? MAINTENANCE : NONE;
        for (Impact impact : openIncidentImpacts) {
            worst = worse(worst, impact.indicator());
        }
        for (ComponentStatus status : componentStatuses) {
            worst = worse(worst, status.indicator());
        }
        return worst;
    }

    private static StatusIndicator worse(StatusIndicator a, StatusIndicator b) {
        return b.ordinal() > a.ordinal() ? b : a;
    }
}
