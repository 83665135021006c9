package io.heraldo.audience;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * An email subscriber.
 *
 * @param email normalized (see {@code EmailAddresses})
 * @param components component ids followed, empty for every component
 * @param kinds which notifications the subscriber wants
 */
public record Subscriber(UUID id, String email, String locale, List<String> components, Kinds kinds,
        SubscriberState state, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime confirmedAt) {

    /** A subscriber of every kind of notification. */
    public Subscriber(UUID id, String email, String locale, List<String> components, SubscriberState state,
            OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime confirmedAt) {
        this(id, email, locale, components, Kinds.ALL, state, createdAt, updatedAt, confirmedAt);
    }

    /** Whether a notification touching these components concerns this subscriber (none touched: everyone). */
    public boolean follows(Collection<String> touched) {
        return components.isEmpty() || touched.isEmpty() || touched.stream().anyMatch(components::contains);
    }
}
