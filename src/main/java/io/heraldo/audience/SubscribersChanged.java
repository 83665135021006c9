package io.heraldo.audience;

/** Fired after a transaction that wrote outbox rows committed, so the relay publishes them now, not at its next tick. */
public record SubscribersChanged(int changes) {
}
