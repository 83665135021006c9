package io.heraldo.event;

import static io.heraldo.event.EventFields.checkDataContentType;
import static io.heraldo.event.EventFields.lowerCase;
import static io.heraldo.event.EventFields.optionalText;
import static io.heraldo.event.EventFields.requiredHeader;
import static io.heraldo.event.EventFields.storable;
import static io.heraldo.event.EventFields.text;
import static io.heraldo.event.EventFields.timestamp;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.platform.Languages;

/**
 * Turns the bytes of a record into a {@link StatusEvent}, or refuses it with an {@link InvalidEventException} whose
 * message names the field at fault. This class reads the CloudEvents envelope (structured or binary mode, the
 * attributes every event has); {@link EventDataReader} reads the {@code data} of each type, and {@link EventFields}
 * reads and checks single JSON fields for both. Plain Java: the Kafka listener and the admin API both use it.
 */
public final class EventParser {

    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    /** The channels an event's {@code notify} may name (CONTRACT §1), in the order error messages list them. */
    public static final Set<String> CHANNELS = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of("email", "twitter", "mastodon", "bluesky", "webhook", "chat")));
    /** The longest body an event may carry: other ways in (the Alertmanager intake) cut to it. */
    public static final int MAX_BODY = EventDataReader.MAX_BODY;

    private static final int MAX_EVENT_ID = 128;

    private final ObjectMapper json;
    private final EventDataReader dataReader;
    private final Clock clock;

    /** @param defaultLang the language of an update or notice that names none; texts may be in Spanish and English */
    public EventParser(ObjectMapper json, String defaultLang, Clock clock) {
        this(json, Languages.DEFAULT, defaultLang, clock);
    }

    /**
     * @param languages the languages a text may be written in ({@code heraldo.languages})
     * @param defaultLang the language of an update or notice that names none
     */
    public EventParser(ObjectMapper json, List<String> languages, String defaultLang, Clock clock) {
        this.json = json;
        this.dataReader = new EventDataReader(languages, defaultLang);
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
        return dataReader.read(new CloudEvent(id, source, type, subject, at, (ObjectNode) data), eventType);
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
}
