package io.heraldo.audience;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An email subscriber.
 *
 * @param email normalized (see {@code EmailAddresses})
 * @param components component ids followed, empty for every component
 */
public record Subscriber(UUID id, String email, String locale, List<String> components, SubscriberState state,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime confirmedAt) {

    /** Whether a notification touching these components concerns this subscriber (none touched: everyone). */
    public boolean follows(java.util.Collection<String> touched) {
        return components.isEmpty() || touched.isEmpty() || touched.stream().anyMatch(components::contains);
    }
}
