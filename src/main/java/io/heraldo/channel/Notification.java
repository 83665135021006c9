package io.heraldo.channel;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import io.heraldo.platform.LocalizedText;

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
 * @param titles {@code title} in every language given, or {@code null} when it has one only
 * @param bodies {@code body} in every language given, or {@code null} when it has one only (or none)
 */
public record Notification(String id, String eventId, NotificationKind kind, String subjectId, String title,
        String status, String previousStatus, String impact, String body, String lang, String tweet,
        List<ComponentRef> components, OffsetDateTime occurredAt, OffsetDateTime startedAt, OffsetDateTime scheduledFor,
        OffsetDateTime scheduledUntil, int sequence, String threadId, Set<String> channels, LocalizedText titles,
        LocalizedText bodies) {

    /** A notification whose texts are in one language. */
    public Notification(String id, String eventId, NotificationKind kind, String subjectId, String title,
            String status, String previousStatus, String impact, String body, String lang, String tweet,
            List<ComponentRef> components, OffsetDateTime occurredAt, OffsetDateTime startedAt,
            OffsetDateTime scheduledFor, OffsetDateTime scheduledUntil, int sequence, String threadId,
            Set<String> channels) {
        this(id, eventId, kind, subjectId, title, status, previousStatus, impact, body, lang, tweet, components,
                occurredAt, startedAt, scheduledFor, scheduledUntil, sequence, threadId, channels, null, null);
    }

    /**
     * The notification as a reader of {@code lang} gets it: {@code title} and {@code body} in that language, else
     * the default locale's, else the first given; {@code lang} says which language the body is in. The result has
     * one language only, so it renders the same whoever renders it.
     */
    public Notification in(String lang) {
        if (titles == null && bodies == null) {
            return this;
        }
        String shownTitle = titles == null ? title : titles.in(lang);
        String shownBody = bodies == null ? body : bodies.in(lang);
        String bodyLang = bodies == null ? this.lang : bodies.languageFor(lang);
        return new Notification(id, eventId, kind, subjectId, shownTitle, status, previousStatus, impact, shownBody,
                bodyLang, tweet, components, occurredAt, startedAt, scheduledFor, scheduledUntil, sequence, threadId,
                channels);
    }

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
