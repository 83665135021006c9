package io.heraldo.audience;

/**
 * A subscriber with what only the audience package needs: the nonce of its current confirmation link and its run of
 * temporary bounces. This, whole, is what the outbox publishes, so a restore rebuilds the row exactly.
 */
public record StoredSubscriber(Subscriber subscriber, String confirmNonce, int softBounces) {
}
