package io.heraldo.console;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.event.EventPublisher;
import io.heraldo.event.InvalidEventException;
import io.heraldo.event.StatusEvent;

/**
 * Turns a submitted incident form into the CloudEvent any producer would write (CONTRACT section 1), with
 * {@code source} {@code /console/<actor>}, and publishes it to the events topic the way the admin API does: the
 * console's changes take the same path as everyone's, dead letters and idempotency included.
 */
@ApplicationScoped
public class IncidentEvents {

    private final ObjectMapper json;
    private final EventPublisher publisher;

    public IncidentEvents(ObjectMapper json, EventPublisher publisher) {
        this.json = json;
        this.publisher = publisher;
    }

    /**
     * Publishes the form; returns once Kafka acknowledged it.
     *
     * @throws InvalidEventException when the event is not valid (a title too long, say)
     */
    public StatusEvent publish(IncidentForm form, boolean opening, String actor) {
        try {
            return publisher.publish(json.writeValueAsBytes(event(form, opening, actor, OffsetDateTime.now(ZoneOffset.UTC))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Publishes the form as a notice ({@code notice.published}); returns once Kafka acknowledged it.
     *
     * @throws InvalidEventException when the event is not valid
     */
    public StatusEvent publishNotice(IncidentForm form, String actor) {
        try {
            return publisher.publish(json.writeValueAsBytes(notice(form, actor, OffsetDateTime.now(ZoneOffset.UTC))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode notice(IncidentForm form, String actor, OffsetDateTime now) {
        ObjectNode event = envelope(form, "notice.published", actor, now);
        ObjectNode data = event.putObject("data");
        ObjectNode notice = data.putObject("notice");
        notice.put("id", form.id());
        text(notice, null, "title", form.titleEs(), form.titleEn());
        text(notice, notice, "body", form.bodyEs(), form.bodyEn());
        notify(data, form);
        return event;
    }

    /**
     * Publishes a maintenance form; returns once Kafka acknowledged it.
     *
     * @throws InvalidEventException when the event is not valid
     */
    public StatusEvent publishMaintenance(MaintenanceForm form, boolean opening, String actor, ZoneId zone) {
        try {
            return publisher.publish(json.writeValueAsBytes(
                    maintenance(form, opening, actor, zone, OffsetDateTime.now(ZoneOffset.UTC))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ObjectNode maintenance(MaintenanceForm form, boolean opening, String actor, ZoneId zone, OffsetDateTime now) {
        IncidentForm texts = form.texts();
        ObjectNode event = envelope(texts, form.type(opening), actor, now);
        ObjectNode data = event.putObject("data");
        ObjectNode maintenance = data.putObject("maintenance");
        maintenance.put("id", form.id());
        if (!form.titleEs().isBlank() || !form.titleEn().isBlank()) {
            text(maintenance, null, "title", form.titleEs(), form.titleEn());
        }
        maintenance.put("status", form.status());
        OffsetDateTime from = MaintenanceForm.time(form.scheduledFor(), zone);
        OffsetDateTime until = MaintenanceForm.time(form.scheduledUntil(), zone);
        if (from != null) {
            maintenance.put("scheduledFor", from.toString());
        }
        if (until != null) {
            maintenance.put("scheduledUntil", until.toString());
        }
        if (opening || !form.components().isEmpty()) {
            ArrayNode components = maintenance.putArray("components");
            form.components().forEach(components::add);
        }
        if (!form.bodyEs().isBlank() || !form.bodyEn().isBlank()) {
            ObjectNode update = data.putObject("update");
            text(update, update, "body", form.bodyEs(), form.bodyEn());
        }
        notify(data, texts);
        return event;
    }

    private ObjectNode envelope(IncidentForm form, String type, String actor, OffsetDateTime now) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", form.eventId());
        event.put("source", "/console/" + actor);
        event.put("type", type);
        event.put("subject", form.id());
        event.put("time", now.toString());
        event.put("datacontenttype", "application/json");
        return event;
    }

    /** Every channel: no {@code notify}; some: the list; none: {@code []}, a silent update. */
    private static void notify(ObjectNode data, IncidentForm form) {
        if (form.notified().size() < IncidentForm.CHANNELS.size()) {
            ArrayNode notify = data.putArray("notify");
            form.notified().forEach(notify::add);
        }
    }

    ObjectNode event(IncidentForm form, boolean opening, String actor, OffsetDateTime now) {
        String type = opening ? "incident.opened" : form.resolves() ? "incident.resolved" : "incident.updated";
        ObjectNode event = envelope(form, type, actor, now);
        ObjectNode data = event.putObject("data");
        ObjectNode incident = data.putObject("incident");
        incident.put("id", form.id());
        if (!form.titleEs().isBlank() || !form.titleEn().isBlank()) {
            text(incident, null, "title", form.titleEs(), form.titleEn());
        }
        incident.put("status", form.status());
        if (!form.impact().isEmpty()) {
            incident.put("impact", form.impact());
        }
        if (!form.components().isEmpty()) {
            ObjectNode components = incident.putObject("components");
            form.components().forEach(components::put);
        }
        ObjectNode update = data.putObject("update");
        text(update, update, "body", form.bodyEs(), form.bodyEn());
        notify(data, form);
        return event;
    }

    /**
     * The one place that decides how a text is written: both languages filled, an object {@code {"es", "en"}};
     * one, a plain string, its language in {@code lang} of {@code langHolder} (when the field has one).
     */
    static void text(ObjectNode node, ObjectNode langHolder, String field, String es, String en) {
        if (!es.isBlank() && !en.isBlank()) {
            node.putObject(field).put("es", es).put("en", en);
            return;
        }
        node.put(field, es.isBlank() ? en : es);
        if (langHolder != null) {
            langHolder.put("lang", es.isBlank() ? "en" : "es");
        }
    }
}
