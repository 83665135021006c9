package io.heraldo.fanout;

import java.time.OffsetDateTime;

/**
 * What became of one attempt of one delivery, as the delivery log records it.
 *
 * @param state {@code sent}, {@code failed} (refused for good), {@code retrying} (tried again at
 *        {@code nextAttemptAt}) or {@code dead} (the last attempt failed transiently)
 * @param externalId what the receiving service called it (a post's id), when it said
 */
public record Outcome(String deliveryId, int attempt, String state, Integer statusCode, long durationMs, String error,
        OffsetDateTime nextAttemptAt, String externalId) {

    public boolean sent() {
        return "sent".equals(state);
    }
}
