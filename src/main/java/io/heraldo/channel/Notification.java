package io.heraldo.channel;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * One status change worth telling, with everything a channel needs to render it: channels never read the status
 * tables. Text fields are plain text exactly as the producer sent them; channels escape them for their medium.
 *
 * @param id deterministic: the event id, or {@code reminder:<maintenance>:<epoch of scheduledFor>} for a reminder
 * @param subjectId the incident, maintenance, notice or component id
 * @param title incident/maintenance/notice title, or the component name
 * @param status the incident, maintenance or component status after the change (contract enumeration)
 * @param previousStatus the status before (maintenance and component), or {@code null}
 * @param impact the incident impact, or {@code null}
 * @param body the update's text (notice body, component reason), or {@code null}
 * @param lang the language {@code body} is written in
 * @param tweet the producer's own tweet text, or {@code null}
 * @param components the components the change touches, with their statuses
 * @param occurredAt when the change happened
 * @param startedAt when the incident began (its first update) or the maintenance started
 * @param scheduledFor maintenance window start, or {@code null}
 * @param scheduledUntil maintenance window end, or {@code null}
 * @param sequence rises with every change of a maintenance: the iCalendar SEQUENCE
 * @param threadId the id of the first notification about this incident or maintenance: later ones thread under it
 * @param channels the event's {@code notify}: {@code null} for every channel
 */
public record Notification(String id, String eventId, NotificationKind kind, String subjectId, String title,
        String status, String previousStatus, String impact, String body, String lang, String tweet,
        List<ComponentRef> components, OffsetDateTime occurredAt, OffsetDateTime startedAt, OffsetDateTime scheduledFor,
        OffsetDateTime scheduledUntil, int sequence, String threadId, Set<String> channels) {

    /** A component touched by the change. {@code oldStatus} is {@code null} when it did not change. */
    public record ComponentRef(String id, String name, String status, String oldStatus) {
    }

    /** Whether the event's {@code notify} lets this channel speak. */
    public boolean allows(String channel) {
        return channels == null || channels.contains(channel);
    }

    public List<String> componentIds() {
        return components.stream().map(ComponentRef::id).toList();
    }
}
