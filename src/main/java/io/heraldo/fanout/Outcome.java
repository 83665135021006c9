package io.heraldo.fanout;

import java.time.OffsetDateTime;

/**
 * What became of one attempt of one delivery, as the delivery log records it.
 *
 * @param state {@code sent}, {@code failed} (refused for good), {@code retrying} (tried again at
 *        {@code nextAttemptAt}), {@code dead} (the last attempt failed transiently) or {@code coalesced} (not sent:
 *        a newer update of its thread carries it)
 * @param externalId what the receiving service called it (a post's id), when it said
 * @param attempted false when nothing was tried (an update waiting for an earlier one of its thread): no attempt is
 *        logged and {@code attempt} is the last one made
 */
public record Outcome(String deliveryId, int attempt, String state, Integer statusCode, long durationMs, String error,
        OffsetDateTime nextAttemptAt, String externalId, boolean attempted) {

    public Outcome(String deliveryId, int attempt, String state, Integer statusCode, long durationMs, String error,
            OffsetDateTime nextAttemptAt, String externalId) {
        this(deliveryId, attempt, state, statusCode, durationMs, error, nextAttemptAt, externalId, true);
    }

    /** A delivery not tried now because an earlier update of its thread comes first; it is looked at again then. */
    static Outcome waiting(String deliveryId, int attempt, String reason, OffsetDateTime until) {
        return new Outcome(deliveryId, attempt - 1, "retrying", null, 0, reason, until, null, false);
    }

    /** A delivery not sent because a newer update of its thread reaches the reader and carries it. */
    static Outcome coalesced(String deliveryId, int attempt) {
        return new Outcome(deliveryId, attempt - 1, "coalesced", null, 0, null, null, null, false);
    }

    public boolean sent() {
        return "sent".equals(state);
    }
}
