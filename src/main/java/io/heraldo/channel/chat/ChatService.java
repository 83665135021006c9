package io.heraldo.channel.chat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.heraldo.channel.Delivery;

/**
 * One chat service (Slack, Teams, Discord…): a CDI bean in a package of its own, found by the chat channel
 * ({@code @Any Instance<ChatService>}), so a new service touches no switch and no registry. It checks the fields of
 * a new destination, masks them for listings, and lays a {@link ChatMessage} out in its markup and sends it.
 */
public interface ChatService {

    /** The destination's {@code type} in the admin API. */
    String type();

    /** The fields a destination of this type may have, beside the common ones (events, components, lang, name). */
    Set<String> fieldNames();

    /**
     * Checks and normalises the fields of a new destination.
     *
     * @param given each of {@link #fieldNames()} the request gave, as text
     * @return the fields to store
     * @throws InvalidDestination naming the field at fault
     */
    Map<String, String> fields(Map<String, String> given) throws InvalidDestination;

    /**
     * The fields holding a URL an operator gave (a webhook URL, a homeserver): the private-network guard checks them
     * at registration and before every send, and the request goes to the address it checked.
     */
    default List<String> urlFields() {
        return List.of("url");
    }

    /** The fields as the admin API lists them: tokens and the secret part of webhook URLs masked. */
    Map<String, String> masked(Map<String, String> fields);

    /** Lays the message out and sends it. Never throws for a failure of the service: the reply says it. */
    CompletionStage<Reply> send(Post post);

    /**
     * One message to one destination.
     *
     * @param deliveryId stable across retries of one delivery (a Matrix transaction id)
     * @param thread the posts of its incident or maintenance thread at this destination, as the service named them
     *        ({@link Delivery.Thread#START} when this one starts it)
     */
    record Post(String deliveryId, ChatDestination destination, ChatMessage message, Delivery.Thread thread) {

        public String field(String name) {
            return destination.fields().get(name);
        }

        /** The first post of the thread, {@code null} when this one starts it. */
        public String rootId() {
            return thread == null ? null : thread.rootId();
        }
    }

    /** A field of a new destination that is missing or wrong: the admin API answers 400 with this. */
    final class InvalidDestination extends Exception {

        private final String field;

        public InvalidDestination(String field, String reason) {
            super(field + ": " + reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
