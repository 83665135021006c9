package io.heraldo.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.platform.LocalizedText;
import io.heraldo.status.ComponentReports.Change;

/** The jsonb columns of incident and maintenance updates, as the readers of the timelines expect them. */
final class UpdateJson {

    private static final TypeReference<LinkedHashMap<String, String>> TEXTS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    UpdateJson(ObjectMapper json) {
        this.json = json;
    }

    /** {@code affected_components}: {@code [{"code", "name", "old_status", "new_status"}]}. */
    String affected(Collection<Change> changes) {
        List<Map<String, String>> affected = new ArrayList<>();
        for (Change change : changes) {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("code", change.code());
            item.put("name", change.name());
            item.put("old_status", change.oldStatus().wire());
            item.put("new_status", change.newStatus().wire());
            affected.add(item);
        }
        return write(affected);
    }

    /** {@code notify}: the channels the event names, {@code null} when it names none (every channel). */
    String notify(Set<String> channels) {
        return channels == null ? null : write(channels);
    }

    /** A text in several languages ({@code titles}, {@code bodies}), in its order; {@code null} stays null. */
    String texts(LocalizedText text) {
        return text == null ? null : write(text.all());
    }

    /** A stored text in several languages, {@code null} for a row written before they were kept. */
    LocalizedText readTexts(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return LocalizedText.stored(json.readValue(stored, TEXTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored texts are not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
