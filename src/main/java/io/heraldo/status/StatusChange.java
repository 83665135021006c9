package io.heraldo.status;

import java.time.OffsetDateTime;
import java.util.List;

import io.heraldo.event.StatusEvent;
import io.heraldo.platform.LocalizedText;

/**
 * What one applied event changed, as the fan-out needs it: the state after, and before where it matters.
 *
 * @param title the incident, maintenance or notice title, or the component's name
 * @param status the status after (incident, maintenance or component), {@code null} for a notice
 * @param previousStatus the status before, {@code null} when the thing is new
 * @param impact the incident's impact, else {@code null}
 * @param components the components concerned, with what the page shows for them now and, when this event changed
 *        it, before
 * @param startedAt when the incident was opened or the maintenance started, else {@code null}
 * @param revision the maintenance revision (rises with every change), else 0
 * @param created whether the incident or maintenance did not exist before this event
 * @param titles the incident, maintenance or notice title in every language given, {@code null} when it has one
 *        language only (a component's name, an incident stored before titles had several)
 * @param late whether the event is older than the incident's newest ({@link ReportRules}): it went into the
 *        timeline at its own time and changed nothing of the incident, so {@code status} is the incident's, unchanged
 */
public record StatusChange(StatusEvent event, String title, String status, String previousStatus, String impact,
        List<ComponentState> components, OffsetDateTime startedAt, OffsetDateTime scheduledFor,
        OffsetDateTime scheduledUntil, int revision, boolean created, boolean late, LocalizedText titles) {

    /** A change whose title is in one language only (a component's name), or stored before titles had several. */
    public StatusChange(StatusEvent event, String title, String status, String previousStatus, String impact,
            List<ComponentState> components, OffsetDateTime startedAt, OffsetDateTime scheduledFor,
            OffsetDateTime scheduledUntil, int revision, boolean created, boolean late) {
        this(event, title, status, previousStatus, impact, components, startedAt, scheduledFor, scheduledUntil, revision,
                created, late, null);
    }

    /** A change of an event applied in its time order, the usual case. */
    public StatusChange(StatusEvent event, String title, String status, String previousStatus, String impact,
            List<ComponentState> components, OffsetDateTime startedAt, OffsetDateTime scheduledFor,
            OffsetDateTime scheduledUntil, int revision, boolean created) {
        this(event, title, status, previousStatus, impact, components, startedAt, scheduledFor, scheduledUntil, revision,
                created, false);
    }

    /** A component as the page shows it after the change; {@code oldStatus} only when the change moved it. */
    public record ComponentState(String id, String name, String status, String oldStatus) {
    }

    /** Whether the status moved (or the thing is new). */
    public boolean statusChanged() {
        return previousStatus == null || !previousStatus.equals(status);
    }
}
