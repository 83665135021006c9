package io.heraldo.status;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.EventType;
import io.heraldo.event.MaintenanceStatus;

/** How a maintenance moves between statuses. */
public final class MaintenanceRules {

    private MaintenanceRules() {
    }

    /**
     * What the page shows of a component: under a maintenance in progress, {@code under_maintenance}, unless
     * something worse than "operational" was reported for it meanwhile.
     */
    public static ComponentStatus shown(ComponentStatus reported, boolean inMaintenance) {
        if (inMaintenance && reported == ComponentStatus.OPERATIONAL) {
            return ComponentStatus.UNDER_MAINTENANCE;
        }
        return reported;
    }

    /**
     * The status after an event. {@code started}, {@code completed} and {@code cancelled} only move a maintenance
     * forward: a late one (the maintenance clock's, say, after an operator already finished it) changes nothing.
     * {@code scheduled} and {@code updated} set what they say, so an operator can always correct a mistake.
     *
     * @param current the status now, {@code null} for a maintenance not seen before
     * @param requested the status the event asks for, {@code null} when it asks for none
     */
    public static MaintenanceStatus next(MaintenanceStatus current, EventType type, MaintenanceStatus requested) {
        if (requested == null) {
            return current == null ? MaintenanceStatus.SCHEDULED : current;
        }
        if (current == null) {
            return requested;
        }
        return switch (type) {
            case MAINTENANCE_STARTED -> current == MaintenanceStatus.SCHEDULED ? requested : current;
            case MAINTENANCE_COMPLETED, MAINTENANCE_CANCELLED -> current.isFinished() ? current : requested;
            default -> requested;
        };
    }
}
