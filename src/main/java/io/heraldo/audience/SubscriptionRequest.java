package io.heraldo.audience;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.heraldo.platform.WireEnum;

/**
 * A validated {@code POST /api/v1/subscriptions}: {@code {"email", "locale"?, "components"?: [ids], "kinds"?}}.
 *
 * @param email normalized
 * @param locale {@code es} or {@code en}
 * @param components sorted, empty for every component
 * @param kinds which notifications
 */
public record SubscriptionRequest(String email, String locale, List<String> components, Kinds kinds) {

    /** A request for every kind of notification. */
    public SubscriptionRequest(String email, String locale, List<String> components) {
        this(email, locale, components, Kinds.ALL);
    }

    /**
     * @throws InvalidFieldException naming the field at fault
     */
    public static SubscriptionRequest from(JsonNode body, String defaultLocale) {
        if (body == null || !body.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object: {\"email\", \"locale\"?, \"components\"?, \"kinds\"?}");
        }
        JsonNode email = body.get("email");
        if (email == null || email.isNull()) {
            throw new InvalidFieldException("email", "is required");
        }
        if (!email.isTextual()) {
            throw new InvalidFieldException("email", "must be a string");
        }
        JsonNode locale = body.get("locale");
        if (locale != null && !locale.isNull() && !locale.isTextual()) {
            throw new InvalidFieldException("locale", "must be a string");
        }
        List<String> ids = new ArrayList<>();
        JsonNode components = body.get("components");
        if (components != null && !components.isNull()) {
            if (!components.isArray()) {
                throw new InvalidFieldException("components", "must be an array of component ids");
            }
            for (JsonNode id : components) {
                if (!id.isTextual()) {
                    throw new InvalidFieldException("components", "must be an array of component ids");
                }
                ids.add(id.asText());
            }
        }
        JsonNode kinds = body.get("kinds");
        if (kinds != null && !kinds.isNull() && !kinds.isTextual()) {
            throw new InvalidFieldException("kinds", "must be a string: " + WireEnum.names(Kinds.class));
        }
        return new SubscriptionRequest(SubscriberFields.email(email.asText()),
                SubscriberFields.locale(locale == null || locale.isNull() ? null : locale.asText(), defaultLocale),
                SubscriberFields.components(ids), Kinds.given(kinds == null || kinds.isNull() ? null : kinds.asText()));
    }
}
