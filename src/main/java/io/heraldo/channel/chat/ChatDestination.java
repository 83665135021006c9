package io.heraldo.channel.chat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A registered chat destination.
 *
 * @param type the {@link ChatService#type()} that sends to it
 * @param fields the type's own fields (a webhook URL; a token and a channel…), secrets in clear
 * @param events event types it wants; empty = every type
 * @param components component ids it follows; empty = every component
 * @param lang the language of its messages
 * @param failingSince the first failed attempt since the last delivered one, or {@code null}
 */
public record ChatDestination(String id, String type, String name, Map<String, String> fields, List<String> events,
        List<String> components, String lang, boolean enabled, String disabledReason, OffsetDateTime failingSince,
        OffsetDateTime createdAt) {

    /** Never the fields: they hold tokens. */
    @Override
    public String toString() {
        return "ChatDestination[" + id + ", " + type + "]";
    }
}
