package io.heraldo.channel.chat;

import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.heraldo.channel.NotificationType;
import io.heraldo.channel.chat.ChatService.InvalidDestination;
import io.heraldo.platform.http.TargetGuard;

/**
 * Checks what an operator asks to register and says which field is wrong: the type among the services of this
 * build, the type's own fields (the service's rules), every URL an operator gives through the private-network
 * guard, and the common fields ({@code events}, {@code components}, {@code lang}, {@code name}). Plain.
 */
public final class DestinationRegistration {

    static final Set<String> COMMON = Set.of("type", "events", "components", "lang", "name");
    private static final Pattern COMPONENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_NAME = 200;
    private static final int MAX_FIELD = 2000;

    private final Map<String, ChatService> services;
    private final TargetGuard guard;
    private final List<String> languages;
    private final String defaultLang;

    public DestinationRegistration(Map<String, ChatService> services, TargetGuard guard, List<String> languages,
            String defaultLang) {
        this.services = services;
        this.guard = guard;
        this.languages = languages;
        this.defaultLang = defaultLang;
    }

    public ChatDestinations.New validate(JsonNode body) throws InvalidDestination {
        if (body == null || !body.isObject()) {
            throw new InvalidDestination("body", "a JSON object {\"type\", …its fields, \"events\"?, \"components\"?, "
                    + "\"lang\"?, \"name\"?} is required");
        }
        JsonNode typeNode = body.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new InvalidDestination("type", "is required; one of " + new TreeSet<>(services.keySet()));
        }
        ChatService service = typeNode.isTextual() ? services.get(typeNode.asText()) : null;
        if (service == null) {
            throw new InvalidDestination("type", "unknown type " + typeNode + "; one of " + new TreeSet<>(services.keySet()));
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (COMMON.contains(field.getKey())) {
                continue;
            }
            if (!service.fieldNames().contains(field.getKey())) {
                throw new InvalidDestination(field.getKey(), "unknown field for " + service.type() + "; its fields are "
                        + new TreeSet<>(service.fieldNames()) + " and events, components, lang, name");
            }
            given.put(field.getKey(), scalar(field.getKey(), field.getValue()));
        }
        Map<String, String> fields = service.fields(given);
        for (String urlField : service.urlFields()) {
            if (fields.containsKey(urlField)) {
                checkAddresses(urlField, fields.get(urlField));
            }
        }
        return new ChatDestinations.New(service.type(), name(body.get("name")), Map.copyOf(fields),
                events(body.get("events")), components(body.get("components")), lang(body.get("lang")));
    }

    /** A field given as a string (a number is taken as its text: Telegram's chat ids are numbers). */
    private static String scalar(String field, JsonNode value) throws InvalidDestination {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw new InvalidDestination(field, "must be a string");
        }
        String text = value.asText().strip();
        if (text.length() > MAX_FIELD) {
            throw new InvalidDestination(field, "is longer than " + MAX_FIELD + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidDestination(field, "must not contain control characters");
        }
        return text;
    }

    private void checkAddresses(String field, String url) throws InvalidDestination {
        try {
            URI uri = TargetGuard.parse(url);
            guard.addresses(uri);
        } catch (TargetGuard.RefusedTarget e) {
            throw new InvalidDestination(field, e.getMessage());
        } catch (UnknownHostException e) {
            // Accepted: the name may be created later, and every message checks the addresses it resolves to then.
        }
    }

    private static List<String> events(JsonNode node) throws InvalidDestination {
        List<String> events = strings("events", node);
        for (String event : events) {
            if (NotificationType.ofWire(event).isEmpty()) {
                throw new InvalidDestination("events", "unknown event type '" + event + "'; one of "
                        + Arrays.stream(NotificationType.values()).map(NotificationType::wire).toList());
            }
        }
        return events;
    }

    private static List<String> components(JsonNode node) throws InvalidDestination {
        List<String> components = strings("components", node);
        for (String component : components) {
            if (!COMPONENT_ID.matcher(component).matches()) {
                throw new InvalidDestination("components", "'" + component
                        + "' is not a component id (1-64 of A-Za-z0-9._:-)");
            }
        }
        return components;
    }

    private static List<String> strings(String field, JsonNode node) throws InvalidDestination {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidDestination(field, "must be a list of strings");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidDestination(field, "must be a list of strings");
            }
            values.add(item.asText());
        }
        return List.copyOf(values);
    }

    private String lang(JsonNode node) throws InvalidDestination {
        if (node == null || node.isNull()) {
            return defaultLang;
        }
        String lang = node.isTextual() ? node.asText().toLowerCase(Locale.ROOT) : null;
        if (lang == null || !languages.contains(lang)) {
            throw new InvalidDestination("lang", "must be one of " + languages + " (heraldo.languages)");
        }
        return lang;
    }

    private static String name(JsonNode node) throws InvalidDestination {
        if (node == null || node.isNull()) {
            return null;
        }
        String name = node.isTextual() ? node.asText().strip() : null;
        if (name == null || name.isEmpty() || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidDestination("name", "must be text of 1 to " + MAX_NAME + " characters on one line");
        }
        return name;
    }
}
