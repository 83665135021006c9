package io.heraldo.fanout;

import java.util.Optional;

import io.heraldo.channel.NotificationKind;
import io.heraldo.event.EventType;
import io.heraldo.event.IncidentStatus;
import io.heraldo.event.MaintenanceStatus;
import io.heraldo.event.StatusEvent.ComponentEvent;
import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.event.StatusEvent.MaintenanceEvent;
import io.heraldo.event.StatusEvent.NoticeEvent;
import io.heraldo.event.StatusEvent;
import io.heraldo.status.StatusChange;

/** Which status changes are worth telling anyone, and as what. Plain functions. */
public final class NotificationRules {

    private NotificationRules() {
    }

    /**
     * The kind of notification a change calls for, or empty: silent updates ({@code notify: []}), metrics, component
     * events that changed nothing shown, maintenance events that changed nothing (a late clock event), and incident
     * events older than the incident's newest (readers never get an older update after a newer one) are not told.
     */
    public static Optional<NotificationKind> kindOf(StatusChange change) {
        StatusEvent event = change.event();
        if (event instanceof IncidentEvent incident) {
            if (isSilent(incident.notifyChannels()) || change.late()) {
                return Optional.empty();
            }
            if (IncidentStatus.of(change.status()).isClosed()
                    && (change.previousStatus() == null || !IncidentStatus.of(change.previousStatus()).isClosed())) {
                return Optional.of(NotificationKind.INCIDENT_RESOLVED);
            }
            return Optional.of(change.created() ? NotificationKind.INCIDENT_OPENED : NotificationKind.INCIDENT_UPDATED);
        }
        if (event instanceof MaintenanceEvent maintenance) {
            if (isSilent(maintenance.notifyChannels())) {
                return Optional.empty();
            }
            return maintenanceKind(change, maintenance);
        }
        if (event instanceof NoticeEvent notice) {
            return isSilent(notice.notifyChannels()) ? Optional.empty() : Optional.of(NotificationKind.NOTICE);
        }
        if (event instanceof ComponentEvent component) {
            if (isSilent(component.notifyChannels()) || !change.statusChanged()) {
                return Optional.empty();
            }
            return Optional.of(NotificationKind.COMPONENT_CHANGED);
        }
        return Optional.empty();
    }

    private static Optional<NotificationKind> maintenanceKind(StatusChange change, MaintenanceEvent event) {
        if (change.created()) {
            return Optional.of(NotificationKind.MAINTENANCE_SCHEDULED);
        }
        MaintenanceStatus status = MaintenanceStatus.of(change.status());
        if (change.statusChanged()) {
            return Optional.of(switch (status) {
                case IN_PROGRESS -> NotificationKind.MAINTENANCE_STARTED;
                case COMPLETED -> NotificationKind.MAINTENANCE_COMPLETED;
                case CANCELLED -> NotificationKind.MAINTENANCE_CANCELLED;
                case SCHEDULED -> NotificationKind.MAINTENANCE_SCHEDULED;
                case VERIFYING -> NotificationKind.MAINTENANCE_UPDATED;
            });
        }
        // Same status: an operator's update (new times, new text) is told; a late started/completed is not.
        boolean operatorUpdate = event.type() == EventType.MAINTENANCE_UPDATED || event.type() == EventType.MAINTENANCE_SCHEDULED
                || event.update() != null;
        return operatorUpdate ? Optional.of(NotificationKind.MAINTENANCE_UPDATED) : Optional.empty();
    }

    private static boolean isSilent(java.util.Set<String> channels) {
        return channels != null && channels.isEmpty();
    }
}
