package io.heraldo.integrations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The body of an Alertmanager webhook (version 4), or of a Grafana webhook contact point (version 1, the same fields
 * and a few more), read with what Heraldo needs of it: each alert's status, labels, annotations, times and
 * fingerprint. Everything else is ignored, so fields added later change nothing.
 *
 * @param alerts in the order of the body
 */
public record AlertmanagerPayload(String version, String receiver, List<Alert> alerts) {

    /** Alertmanager's webhook version, and Grafana's. */
    static final Set<String> VERSIONS = Set.of("4", "1");
    /** A body of more is refused: {@code max_alerts} in the receiver keeps Alertmanager under it. */
    public static final int MAX_ALERTS = 1_000;

    /**
     * One alert.
     *
     * @param index its place in {@code alerts}, for the answer
     * @param endsAt null when unset (Alertmanager writes the zero time {@code 0001-01-01T00:00:00Z} for a firing alert)
     * @param fingerprint Alertmanager's, or one made from the labels when the body has none
     */
    public record Alert(int index, boolean firing, Map<String, String> labels, Map<String, String> annotations,
            OffsetDateTime startsAt, OffsetDateTime endsAt, String fingerprint) {
    }

    /** @throws InvalidPayloadException naming the field at fault */
    public static AlertmanagerPayload parse(byte[] body, ObjectMapper json) {
        JsonNode root;
        if (body == null || body.length == 0) {
            throw new InvalidPayloadException("body: is empty, expected an Alertmanager webhook (JSON)");
        }
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("body: is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidPayloadException("body: cannot be read as JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPayloadException("body: must be a JSON object");
        }
        String version = text(root, "version", "version");
        if (version == null) {
            throw new InvalidPayloadException("version: is required (Alertmanager sends \"4\")");
        }
        if (!VERSIONS.contains(version)) {
            throw new InvalidPayloadException("version: '" + abbreviate(version)
                    + "' is not supported: Alertmanager's webhook version 4 (or Grafana's 1)");
        }
        String receiver = text(root, "receiver", "receiver");
        JsonNode alerts = root.get("alerts");
        if (alerts == null || alerts.isNull()) {
            throw new InvalidPayloadException("alerts: is required, an array of alerts");
        }
        if (!alerts.isArray()) {
            throw new InvalidPayloadException("alerts: must be an array of alerts");
        }
        if (alerts.size() > MAX_ALERTS) {
            throw new InvalidPayloadException("alerts: " + alerts.size() + " alerts, at most " + MAX_ALERTS
                    + " a request (set max_alerts in the receiver)");
        }
        List<Alert> parsed = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            parsed.add(alert(alerts.get(i), i));
        }
        return new AlertmanagerPayload(version, receiver, List.copyOf(parsed));
    }

    private static Alert alert(JsonNode node, int index) {
        String field = "alerts[" + index + "]";
        if (!node.isObject()) {
            throw new InvalidPayloadException(field + ": must be an object");
        }
        String status = text(node, "status", field + ".status");
        if (status == null) {
            throw new InvalidPayloadException(field + ".status: is required (firing or resolved)");
        }
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw new InvalidPayloadException(field + ".status: '" + abbreviate(status)
                    + "' is neither firing nor resolved");
        }
        Map<String, String> labels = strings(node, "labels", field + ".labels");
        Map<String, String> annotations = strings(node, "annotations", field + ".annotations");
        String startsText = text(node, "startsAt", field + ".startsAt");
        if (startsText == null) {
            throw new InvalidPayloadException(field + ".startsAt: is required");
        }
        OffsetDateTime startsAt = time(startsText, field + ".startsAt");
        if (startsAt == null) {
            throw new InvalidPayloadException(field + ".startsAt: '" + abbreviate(startsText) + "' is not a time");
        }
        String endsText = text(node, "endsAt", field + ".endsAt");
        OffsetDateTime endsAt = endsText == null ? null : time(endsText, field + ".endsAt");
        String fingerprint = text(node, "fingerprint", field + ".fingerprint");
        if (fingerprint == null || fingerprint.isBlank()) {
            fingerprint = fingerprintOf(labels);
        }
        return new Alert(index, status.equals("firing"), labels, annotations, startsAt, endsAt, fingerprint);
    }

    /** A time in UTC; null for Go's zero time (year 1), which Alertmanager writes for "not set". */
    private static OffsetDateTime time(String text, String field) {
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException(field + ": '" + abbreviate(text) + "' is not an RFC 3339 timestamp");
        }
        if (time.getYear() <= 1) {
            return null;
        }
        if (time.getYear() > 9999) {
            throw new InvalidPayloadException(field + ": '" + abbreviate(text) + "' is past the year 9999");
        }
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String text(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidPayloadException(field + ": must be a string");
        }
        return node.asText();
    }

    /** An object of string values ({@code labels}, {@code annotations}); absent is empty. */
    private static Map<String, String> strings(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidPayloadException(field + ": must be an object of names to strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new InvalidPayloadException(field + "." + abbreviate(entry.getKey()) + ": must be a string");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return Collections.unmodifiableMap(values);
    }

    /** The labels, sorted, hashed: what identifies an alert when the sender gave no fingerprint. */
    static String fingerprintOf(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(labels).forEach((name, value) -> text.append(name).append('\u0000').append(value).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value quoted in a reason: at most 80 characters, control characters written as escapes. */
    static String abbreviate(String value) {
        String shown = value.length() <= 80 ? value : value.substring(0, 77) + "...";
        StringBuilder out = new StringBuilder(shown.length());
        shown.chars().forEach(ch -> out.append(Character.isISOControl(ch) ? String.format("\\u%04X", ch)
                : String.valueOf((char) ch)));
        return out.toString();
    }
}
