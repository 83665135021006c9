package io.heraldo.event;

import static io.heraldo.event.EventFields.abbreviate;
import static io.heraldo.event.EventFields.checkDataContentType;
import static io.heraldo.event.EventFields.checkId;
import static io.heraldo.event.EventFields.checkLength;
import static io.heraldo.event.EventFields.id;
import static io.heraldo.event.EventFields.lowerCase;
import static io.heraldo.event.EventFields.object;
import static io.heraldo.event.EventFields.optionalText;
import static io.heraldo.event.EventFields.requiredHeader;
import static io.heraldo.event.EventFields.storable;
import static io.heraldo.event.EventFields.text;
import static io.heraldo.event.EventFields.timestamp;
import static io.heraldo.event.EventFields.wireEnum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.event.StatusEvent.ComponentEvent;
import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.event.StatusEvent.MaintenanceEvent;
import io.heraldo.event.StatusEvent.MetricEvent;
import io.heraldo.event.StatusEvent.MetricPoint;
import io.heraldo.event.StatusEvent.NoticeEvent;
import io.heraldo.event.StatusEvent.Update;

/**
 * Turns the bytes of a record into a {@link StatusEvent}, or refuses it with an {@link InvalidEventException} whose
 * message names the field at fault. Plain Java: the Kafka listener and the admin API both use it.
 */
public final class EventParser {

    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    public static final Set<String> LANGUAGES = Set.of("es", "en");
    /** The {@code notify} names of the contract (section 1), chat destinations and the social accounts included. */
    public static final Set<String> CHANNELS = Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of("email", "twitter", "mastodon", "bluesky", "webhook", "chat")));
    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 5_000;
    public static final int MAX_TWEET = 280;
    public static final int MAX_NAME = 200;
    public static final int MAX_POINTS = 10_000;

    private static final int MAX_EVENT_ID = 128;

    private final ObjectMapper json;
    private final String defaultLang;
    private final Clock clock;

    public EventParser(ObjectMapper json, String defaultLang, Clock clock) {
        this.json = json;
        this.defaultLang = defaultLang;
        this.clock = clock;
    }

    /**
     * A Kafka record in either CloudEvents mode: binary when it has {@code ce_specversion}, else structured (the
     * whole envelope is the value), which also covers plain producers that send the envelope without headers.
     *
     * @param headers the record's headers, last value of each name
     */
    public StatusEvent fromKafka(Map<String, String> headers, byte[] value) {
        String contentType = lowerCase(headers.get("content-type"));
        // As the CloudEvents Kafka binding says: a cloudevents content type means structured, whatever else is there.
        if (contentType != null && contentType.startsWith(STRUCTURED_CONTENT_TYPE)) {
            return fromStructured(value);
        }
        if (headers.containsKey("ce_specversion")) {
            return fromBinary(headers, value);
        }
        if (contentType != null && !contentType.startsWith("application/json")) {
            throw new InvalidEventException("content-type: '" + contentType + "' is neither "
                    + STRUCTURED_CONTENT_TYPE + " (structured mode) nor accompanied by ce_* headers (binary mode)");
        }
        return fromStructured(value);
    }

    /** A structured-mode CloudEvent: the JSON envelope with {@code data} inside. */
    public StatusEvent fromStructured(byte[] value) {
        JsonNode root = readJson(value, "record value");
        if (!root.isObject()) {
            throw new InvalidEventException("record value: a CloudEvent must be a JSON object");
        }
        ObjectNode envelope = (ObjectNode) root;
        String specVersion = text(envelope, "specversion", "specversion");
        String dataContentType = optionalText(envelope, "datacontenttype", "datacontenttype");
        checkDataContentType(dataContentType, "datacontenttype");
        JsonNode data = envelope.get("data");
        if (data == null || data.isNull()) {
            if (envelope.has("data_base64")) {
                throw new InvalidEventException("data_base64: binary data is not accepted; send data as a JSON object");
            }
            throw new InvalidEventException("data: is required");
        }
        return validate(specVersion,
                text(envelope, "id", "id"),
                text(envelope, "source", "source"),
                text(envelope, "type", "type"),
                optionalText(envelope, "subject", "subject"),
                optionalText(envelope, "time", "time"),
                data);
    }

    private StatusEvent fromBinary(Map<String, String> headers, byte[] value) {
        checkDataContentType(headers.get("content-type"), "content-type");
        return validate(headers.get("ce_specversion"),
                requiredHeader(headers, "ce_id"),
                requiredHeader(headers, "ce_source"),
                requiredHeader(headers, "ce_type"),
                headers.get("ce_subject"),
                headers.get("ce_time"),
                readJson(value, "record value (data)"));
    }

    private StatusEvent validate(String specVersion, String id, String source, String type, String subject,
            String time, JsonNode data) {
        // Headers of binary mode come here unchecked; JSON attributes were checked as they were read.
        storable(id, "id");
        storable(source, "source");
        storable(type, "type");
        storable(subject, "subject");
        if (!"1.0".equals(specVersion)) {
            throw new InvalidEventException("specversion: '" + specVersion + "' is not supported, only 1.0");
        }
        if (id.isBlank() || id.length() > MAX_EVENT_ID || id.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidEventException("id: must be 1 to " + MAX_EVENT_ID + " printable characters");
        }
        if (source.isBlank()) {
            throw new InvalidEventException("source: must not be empty");
        }
        EventType eventType = EventType.of(type);
        OffsetDateTime at = time == null ? OffsetDateTime.now(clock) : timestamp(time, "time");
        if (!data.isObject()) {
            throw new InvalidEventException("data: must be a JSON object");
        }
        CloudEvent envelope = new CloudEvent(id, source, type, subject, at, (ObjectNode) data);
        return switch (eventType) {
            case INCIDENT_OPENED, INCIDENT_UPDATED, INCIDENT_RESOLVED -> incident(envelope, eventType);
            case COMPONENT_STATUS_CHANGED -> component(envelope, eventType);
            case MAINTENANCE_SCHEDULED, MAINTENANCE_UPDATED, MAINTENANCE_STARTED, MAINTENANCE_COMPLETED,
                    MAINTENANCE_CANCELLED -> maintenance(envelope, eventType);
            case NOTICE_PUBLISHED -> notice(envelope, eventType);
            case METRIC_RECORDED -> metric(envelope, eventType);
        };
    }

    private IncidentEvent incident(CloudEvent e, EventType type) {
        ObjectNode incident = object(e.data(), "incident", "data.incident");
        String id = id(incident, "data.incident.id");
        boolean opened = type == EventType.INCIDENT_OPENED;
        String title = opened ? text(incident, "title", "data.incident.title") : optionalText(incident, "title", "data.incident.title");
        checkLength(title, MAX_TITLE, "data.incident.title");
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
        String title = scheduled ? text(maintenance, "title", "data.maintenance.title")
                : optionalText(maintenance, "title", "data.maintenance.title");
        checkLength(title, MAX_TITLE, "data.maintenance.title");
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
        String title = text(notice, "title", "data.notice.title");
        checkLength(title, MAX_TITLE, "data.notice.title");
        String body = text(notice, "body", "data.notice.body");
        checkLength(body, MAX_BODY, "data.notice.body");
        return new NoticeEvent(e.id(), type, e.time(), id, title, body, lang(notice, "data.notice.lang"), notify(e.data()));
    }

    private MetricEvent metric(CloudEvent e, EventType type) {
        ObjectNode metric = object(e.data(), "metric", "data.metric");
        String id = id(metric, "data.metric.id");
        String name = optionalText(metric, "name", "data.metric.name");
        checkLength(name, MAX_NAME, "data.metric.name");
        String unit = optionalText(metric, "unit", "data.metric.unit");
        checkLength(unit, 32, "data.metric.unit");
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
        String body = text(update, "body", "data.update.body");
        checkLength(body, MAX_BODY, "data.update.body");
        String tweet = optionalText(update, "tweet", "data.update.tweet");
        checkLength(tweet, MAX_TWEET, "data.update.tweet");
        return new Update(body, lang(update, "data.update.lang"), tweet);
    }

    private String lang(ObjectNode node, String field) {
        String lang = optionalText(node, "lang", field);
        if (lang == null) {
            return defaultLang;
        }
        if (!LANGUAGES.contains(lang)) {
            throw new InvalidEventException(field + ": '" + lang + "' is not a supported language (es, en)");
        }
        return lang;
    }

    private static Set<String> notify(ObjectNode data) {
        JsonNode node = data.get("notify");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidEventException("data.notify: must be an array of channels " + CHANNELS);
        }
        Set<String> channels = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || !CHANNELS.contains(item.asText())) {
                throw new InvalidEventException("data.notify[" + i + "]: '" + abbreviate(item.asText())
                        + "' is not a channel " + CHANNELS);
            }
            channels.add(item.asText());
        }
        return Collections.unmodifiableSet(channels);
    }

    private JsonNode readJson(byte[] value, String what) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException(what + ": is empty, expected JSON");
        }
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(what + ": is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidEventException(what + ": cannot be read as JSON (" + e.getMessage() + ")");
        }
    }

    /** For log lines and dead letters: the first bytes of a value, as text. */
    public static String preview(byte[] value) {
        if (value == null) {
            return "";
        }
        return abbreviate(new String(value, 0, Math.min(value.length, 200), StandardCharsets.UTF_8));
    }
}
