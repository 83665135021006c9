package io.heraldo.audience;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The value of a {@code heraldo-subscribers} record: the whole subscriber, snake_case, times in UTC with the
 * database's microseconds, so reading it back gives the very row that was written.
 */
public final class SubscriberJson {

    private final ObjectMapper json;

    public SubscriberJson(ObjectMapper json) {
        this.json = json;
    }

    public String write(StoredSubscriber stored) {
        Subscriber s = stored.subscriber();
        ObjectNode node = json.createObjectNode();
        node.put("id", s.id().toString());
        node.put("email", s.email());
        node.put("locale", s.locale());
        ArrayNode components = node.putArray("components");
        s.components().forEach(components::add);
        node.put("kinds", s.kinds().wire());
        node.put("state", s.state().wire());
        node.put("created_at", time(s.createdAt()));
        node.put("updated_at", time(s.updatedAt()));
        node.put("confirmed_at", time(s.confirmedAt()));
        node.put("confirm_nonce", stored.confirmNonce());
        node.put("soft_bounces", stored.softBounces());
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @throws IllegalArgumentException when the value is not a subscriber
     */
    public StoredSubscriber read(String value) {
        try {
            JsonNode node = json.readTree(value);
            List<String> components = new ArrayList<>();
            node.path("components").forEach(c -> components.add(c.asText()));
            Subscriber s = new Subscriber(UUID.fromString(text(node, "id")), text(node, "email"), text(node, "locale"),
                    // Records written before kinds existed have none: those subscribers heard everything.
                    List.copyOf(components), Kinds.stored(node.path("kinds").asText(null)),
                    SubscriberState.of(text(node, "state")),
                    OffsetDateTime.parse(text(node, "created_at")), OffsetDateTime.parse(text(node, "updated_at")),
                    node.path("confirmed_at").isTextual() ? OffsetDateTime.parse(node.get("confirmed_at").asText()) : null);
            return new StoredSubscriber(s, text(node, "confirm_nonce"), node.path("soft_bounces").asInt(0));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a subscriber record: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.asText();
    }

    /** ISO-8601 in UTC, seconds always written and the fraction only as long as needed. */
    public static String time(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.toInstant());
    }
}
