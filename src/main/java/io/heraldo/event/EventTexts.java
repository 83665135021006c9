package io.heraldo.event;

import static io.heraldo.event.EventFields.abbreviate;
import static io.heraldo.event.EventFields.checkLength;
import static io.heraldo.event.EventFields.storable;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.platform.LocalizedText;

/**
 * Reads a {@code title} or {@code body}: a string (the text of the event's {@code lang}) or an object of language →
 * text over {@code heraldo.languages} (CONTRACT §1). Each refusal names the field and, for an object, the language
 * at fault: {@code data.incident.title.fr: 'fr' is not one of the languages (es, en)}.
 */
final class EventTexts {

    private final List<String> languages;
    private final String defaultLang;

    EventTexts(List<String> languages, String defaultLang) {
        this.languages = List.copyOf(languages);
        this.defaultLang = defaultLang;
    }

    String defaultLang() {
        return defaultLang;
    }

    /** A required text: absent, blank or empty is refused. */
    LocalizedText required(ObjectNode parent, String name, String field, int max, String lang) {
        LocalizedText text = optional(parent, name, field, max, lang);
        if (text == null) {
            throw new InvalidEventException(field + ": is required");
        }
        return text;
    }

    /** An optional text: {@code null} when absent. */
    LocalizedText optional(ObjectNode parent, String name, String field, int max, String lang) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            String text = storable(node.asText(), field);
            if (text.isBlank()) {
                throw new InvalidEventException(field + ": must not be blank");
            }
            checkLength(text, max, field);
            return LocalizedText.of(lang, text);
        }
        if (!node.isObject()) {
            throw new InvalidEventException(field + ": must be a string or an object of language to text ("
                    + String.join(", ", languages) + ")");
        }
        if (node.isEmpty()) {
            throw new InvalidEventException(field + ": is an empty object; give the text in at least one language ("
                    + String.join(", ", languages) + ")");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String language = entry.getKey();
            String languageField = field + "." + abbreviate(language);
            if (!languages.contains(language)) {
                throw new InvalidEventException(languageField + ": '" + abbreviate(language)
                        + "' is not one of the languages (" + String.join(", ", languages) + ")");
            }
            if (!entry.getValue().isTextual()) {
                throw new InvalidEventException(languageField + ": must be a string");
            }
            String text = storable(entry.getValue().asText(), languageField);
            if (text.isBlank()) {
                throw new InvalidEventException(languageField + ": must not be blank");
            }
            checkLength(text, max, languageField);
            texts.put(language, text);
        }
        return LocalizedText.of(texts, defaultLang);
    }

    /** The {@code lang} of an update or notice: the language of its string texts; the default locale when absent. */
    String lang(ObjectNode node, String field) {
        String lang = EventFields.optionalText(node, "lang", field);
        if (lang == null) {
            return defaultLang;
        }
        if (!languages.contains(lang)) {
            throw new InvalidEventException(field + ": '" + abbreviate(lang) + "' is not a supported language ("
                    + String.join(", ", languages) + ")");
        }
        return lang;
    }
}
