package io.heraldo.channel;

import java.util.EnumSet;
import java.util.Set;

import io.heraldo.audience.Kinds;
import io.heraldo.event.Impact;

/**
 * Which notifications a subscriber's {@code kinds} wants. Plain functions.
 * <ul>
 * <li>{@code all}: everything the channel sends.
 * <li>{@code major}: any news of an incident whose impact is {@code major} or {@code critical}, and every maintenance
 * notification (reminders included).
 * <li>{@code lifecycle}: an incident's opening and resolution; a maintenance's schedule, start and end (completed, or
 * cancelled: the end of a maintenance that will not happen).
 * </ul>
 * Notices and bare component changes are neither major incidents nor lifecycle steps: only {@code all} gets them.
 */
public final class KindRules {

    private KindRules() {
    }

    public static boolean wants(Kinds kinds, Notification notification) {
        return wants(kinds, notification.kind(), notification.impact());
    }

    /** {@code impact}: the incident's impact after the change, or {@code null}. */
    public static boolean wants(Kinds kinds, NotificationKind kind, String impact) {
        return switch (kinds) {
            case ALL -> true;
            case MAJOR -> kind.isMaintenance() || kind.isIncident() && (Impact.MAJOR.wire().equals(impact)
                    || Impact.CRITICAL.wire().equals(impact));
            case LIFECYCLE -> switch (kind) {
                case INCIDENT_OPENED, INCIDENT_RESOLVED, MAINTENANCE_SCHEDULED, MAINTENANCE_STARTED,
                        MAINTENANCE_COMPLETED, MAINTENANCE_CANCELLED -> true;
                default -> false;
            };
        };
    }

    /** Every value of {@code kinds} that wants the notification ({@code all} always does). */
    public static Set<Kinds> wanting(Notification notification) {
        Set<Kinds> wanting = EnumSet.noneOf(Kinds.class);
        for (Kinds kinds : Kinds.values()) {
            if (wants(kinds, notification)) {
                wanting.add(kinds);
            }
        }
        return wanting;
    }
}
