package io.heraldo.event;

import static io.heraldo.event.EventFields.abbreviate;
import static io.heraldo.event.EventFields.checkId;
import static io.heraldo.event.EventFields.checkLength;
import static io.heraldo.event.EventFields.id;
import static io.heraldo.event.EventFields.object;
import static io.heraldo.event.EventFields.optionalText;
import static io.heraldo.event.EventFields.storable;
import static io.heraldo.event.EventFields.text;
import static io.heraldo.event.EventFields.timestamp;
import static io.heraldo.event.EventFields.wireEnum;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.event.StatusEvent.ComponentEvent;
import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.event.StatusEvent.MaintenanceEvent;
import io.heraldo.event.StatusEvent.MetricEvent;
import io.heraldo.event.StatusEvent.MetricPoint;
import io.heraldo.event.StatusEvent.NoticeEvent;
import io.heraldo.event.StatusEvent.Update;
import io.heraldo.platform.LocalizedText;

/**
 * Reads the {@code data} of a CloudEvent whose envelope {@link EventParser} accepted: one reader per kind of event,
 * each checking the contract's required fields, limits and enumerations. Every refusal is an
 * {@link InvalidEventException} naming the field ({@code data.incident.title}, {@code data.points[3].v}, ...).
 */
final class EventDataReader {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 5_000;
    static final int MAX_TWEET = 280;
    static final int MAX_NAME = 200;
    static final int MAX_POINTS = 10_000;

    private static final int MAX_UNIT = 32;

    private final EventTexts texts;

    EventDataReader(List<String> languages, String defaultLang) {
        this.texts = new EventTexts(languages, defaultLang);
    }

    /** The event its type names, read from the envelope's data. */
    StatusEvent read(CloudEvent envelope, EventType type) {
        return switch (type) {
            case INCIDENT_OPENED, INCIDENT_UPDATED, INCIDENT_RESOLVED -> incident(envelope, type);
            case COMPONENT_STATUS_CHANGED -> component(envelope, type);
            case MAINTENANCE_SCHEDULED, MAINTENANCE_UPDATED, MAINTENANCE_STARTED, MAINTENANCE_COMPLETED,
                    MAINTENANCE_CANCELLED -> maintenance(envelope, type);
            case NOTICE_PUBLISHED -> notice(envelope, type);
            case METRIC_RECORDED -> metric(envelope, type);
        };
    }

    private IncidentEvent incident(CloudEvent e, EventType type) {
        ObjectNode incident = object(e.data(), "incident", "data.incident");
        String id = id(incident, "data.incident.id");
        boolean opened = type == EventType.INCIDENT_OPENED;
        // a title given as a string is in the update's lang
        String lang = updateLang(e.data());
        LocalizedText title = opened ? texts.required(incident, "title", "data.incident.title", MAX_TITLE, lang)
                : texts.optional(incident, "title", "data.incident.title", MAX_TITLE, lang);
        IncidentStatus status;
        if (type == EventType.INCIDENT_RESOLVED) {
            String given = optionalText(incident, "status", "data.incident.status");
            status = given == null ? IncidentStatus.RESOLVED : wireEnum(given, IncidentStatus::of, "data.incident.status");
            if (!status.isClosed()) {
                throw new InvalidEventException("data.incident.status: must be resolved (or postmortem) in incident.resolved, not '"
                        + given + "'");
            }
        } else {
            status = wireEnum(text(incident, "status", "data.incident.status"), IncidentStatus::of, "data.incident.status");
        }
        String impactText = opened ? text(incident, "impact", "data.incident.impact") : optionalText(incident, "impact", "data.incident.impact");
        Impact impact = impactText == null ? null : wireEnum(impactText, Impact::of, "data.incident.impact");
        Map<String, ComponentStatus> components = componentStatuses(incident);
        Update update = update(e.data(), true);
        return new IncidentEvent(e.id(), type, e.time(), id, title, status, impact, components, update, notify(e.data()));
    }

    private Map<String, ComponentStatus> componentStatuses(ObjectNode incident) {
        JsonNode node = incident.get("components");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidEventException("data.incident.components: must be an object of component id to status");
        }
        Map<String, ComponentStatus> statuses = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = "data.incident.components." + abbreviate(entry.getKey());
            checkId(entry.getKey(), field);
            if (!entry.getValue().isTextual()) {
                throw new InvalidEventException(field + ": must be a component status string");
            }
            statuses.put(entry.getKey(), wireEnum(storable(entry.getValue().asText(), field), ComponentStatus::of, field));
        }
        return Collections.unmodifiableMap(statuses);
    }

    private ComponentEvent component(CloudEvent e, EventType type) {
        ObjectNode component = object(e.data(), "component", "data.component");
        String id = id(component, "data.component.id");
        String name = optionalText(component, "name", "data.component.name");
        checkLength(name, MAX_NAME, "data.component.name");
        String group = optionalText(component, "group", "data.component.group");
        checkLength(group, MAX_NAME, "data.component.group");
        ComponentStatus status = wireEnum(text(component, "status", "data.component.status"), ComponentStatus::of,
                "data.component.status");
        String reason = optionalText(e.data(), "reason", "data.reason");
        checkLength(reason, MAX_BODY, "data.reason");
        return new ComponentEvent(e.id(), type, e.time(), id, name, group, status, reason, notify(e.data()));
    }

    private MaintenanceEvent maintenance(CloudEvent e, EventType type) {
        ObjectNode maintenance = object(e.data(), "maintenance", "data.maintenance");
        String id = id(maintenance, "data.maintenance.id");
        boolean scheduled = type == EventType.MAINTENANCE_SCHEDULED;
        String lang = updateLang(e.data());
        LocalizedText title = scheduled ? texts.required(maintenance, "title", "data.maintenance.title", MAX_TITLE, lang)
                : texts.optional(maintenance, "title", "data.maintenance.title", MAX_TITLE, lang);
        String statusText = optionalText(maintenance, "status", "data.maintenance.status");
        MaintenanceStatus given = statusText == null ? null
                : wireEnum(statusText, MaintenanceStatus::of, "data.maintenance.status");
        MaintenanceStatus implied = switch (type) {
            case MAINTENANCE_SCHEDULED -> MaintenanceStatus.SCHEDULED;
            case MAINTENANCE_STARTED -> MaintenanceStatus.IN_PROGRESS;
            case MAINTENANCE_COMPLETED -> MaintenanceStatus.COMPLETED;
            case MAINTENANCE_CANCELLED -> MaintenanceStatus.CANCELLED;
            default -> null;
        };
        if (given != null && implied != null && given != implied) {
            throw new InvalidEventException("data.maintenance.status: '" + given.wire() + "' contradicts the type "
                    + type.wire() + " (which means " + implied.wire() + ")");
        }
        MaintenanceStatus status = implied != null ? implied : given;
        String forText = scheduled ? text(maintenance, "scheduledFor", "data.maintenance.scheduledFor")
                : optionalText(maintenance, "scheduledFor", "data.maintenance.scheduledFor");
        String untilText = scheduled ? text(maintenance, "scheduledUntil", "data.maintenance.scheduledUntil")
                : optionalText(maintenance, "scheduledUntil", "data.maintenance.scheduledUntil");
        OffsetDateTime scheduledFor = forText == null ? null : timestamp(forText, "data.maintenance.scheduledFor");
        OffsetDateTime scheduledUntil = untilText == null ? null : timestamp(untilText, "data.maintenance.scheduledUntil");
        if (scheduledFor != null && scheduledUntil != null && !scheduledUntil.isAfter(scheduledFor)) {
            throw new InvalidEventException("data.maintenance.scheduledUntil: must be after scheduledFor");
        }
        List<String> components = null;
        JsonNode list = maintenance.get("components");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new InvalidEventException("data.maintenance.components: must be an array of component ids");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                String field = "data.maintenance.components[" + i + "]";
                if (!item.isTextual()) {
                    throw new InvalidEventException(field + ": must be a component id string");
                }
                checkId(item.asText(), field);
                ids.add(item.asText());
            }
            components = List.copyOf(ids);
        } else if (scheduled) {
            components = List.of();
        }
        return new MaintenanceEvent(e.id(), type, e.time(), id, title, status, scheduledFor, scheduledUntil, components,
                update(e.data(), false), notify(e.data()));
    }

    private NoticeEvent notice(CloudEvent e, EventType type) {
        ObjectNode notice = object(e.data(), "notice", "data.notice");
        String id = id(notice, "data.notice.id");
        String lang = texts.lang(notice, "data.notice.lang");
        LocalizedText title = texts.required(notice, "title", "data.notice.title", MAX_TITLE, lang);
        LocalizedText body = texts.required(notice, "body", "data.notice.body", MAX_BODY, lang);
        return new NoticeEvent(e.id(), type, e.time(), id, title, body, notify(e.data()));
    }

    private MetricEvent metric(CloudEvent e, EventType type) {
        ObjectNode metric = object(e.data(), "metric", "data.metric");
        String id = id(metric, "data.metric.id");
        String name = optionalText(metric, "name", "data.metric.name");
        checkLength(name, MAX_NAME, "data.metric.name");
        String unit = optionalText(metric, "unit", "data.metric.unit");
        checkLength(unit, MAX_UNIT, "data.metric.unit");
        JsonNode points = e.data().get("points");
        if (points == null || !points.isArray()) {
            throw new InvalidEventException("data.points: is required, an array of {\"t\", \"v\"}");
        }
        if (points.size() > MAX_POINTS) {
            throw new InvalidEventException("data.points: at most " + MAX_POINTS + " points per event, got " + points.size());
        }
        List<MetricPoint> parsed = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            String field = "data.points[" + i + "]";
            JsonNode point = points.get(i);
            if (!point.isObject()) {
                throw new InvalidEventException(field + ": must be an object {\"t\", \"v\"}");
            }
            OffsetDateTime t = timestamp(text((ObjectNode) point, "t", field + ".t"), field + ".t");
            JsonNode v = point.get("v");
            if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw new InvalidEventException(field + ".v: must be a finite number");
            }
            parsed.add(new MetricPoint(t, v.asDouble()));
        }
        return new MetricEvent(e.id(), type, e.time(), id, name, unit, List.copyOf(parsed));
    }

    private Update update(ObjectNode data, boolean required) {
        JsonNode node = data.get("update");
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidEventException("data.update: is required, an object with a body");
            }
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidEventException("data.update: must be an object with a body");
        }
        ObjectNode update = (ObjectNode) node;
        LocalizedText body = texts.required(update, "body", "data.update.body", MAX_BODY,
                texts.lang(update, "data.update.lang"));
        String tweet = optionalText(update, "tweet", "data.update.tweet");
        checkLength(tweet, MAX_TWEET, "data.update.tweet");
        return new Update(body, tweet);
    }

    /** The update's {@code lang} (the language of the event's string texts), the default locale when there is none. */
    private String updateLang(ObjectNode data) {
        JsonNode node = data.get("update");
        return node instanceof ObjectNode update ? texts.lang(update, "data.update.lang") : texts.defaultLang();
    }

    private static Set<String> notify(ObjectNode data) {
        JsonNode node = data.get("notify");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidEventException("data.notify: must be an array of channels (" + String.join(", ", EventParser.CHANNELS) + ")");
        }
        Set<String> channels = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || !EventParser.CHANNELS.contains(item.asText())) {
                throw new InvalidEventException("data.notify[" + i + "]: '" + abbreviate(item.asText())
                        + "' is not a channel (" + String.join(", ", EventParser.CHANNELS) + ")");
            }
            channels.add(item.asText());
        }
        return Collections.unmodifiableSet(channels);
    }
}
