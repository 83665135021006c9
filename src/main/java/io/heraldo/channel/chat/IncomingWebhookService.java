package io.heraldo.channel.chat;

import java.util.Map;
import java.util.Set;

/**
 * A service reached through one incoming-webhook URL (Discord, Teams Workflows, Google Chat, Mattermost): the URL is
 * the destination's only field and its secret, so listings show it masked.
 */
public abstract class IncomingWebhookService implements ChatService {

    protected static final String URL = "url";

    @Override
    public Set<String> fieldNames() {
        return Set.of(URL);
    }

    @Override
    public Map<String, String> fields(Map<String, String> given) throws InvalidDestination {
        return Map.of(URL, Fields.url(URL, Fields.required(URL, given.get(URL))));
    }

    @Override
    public Map<String, String> masked(Map<String, String> fields) {
        return Map.of(URL, Masks.url(fields.get(URL)));
    }
}
