package io.heraldo.channel.webhook;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A registered receiver.
 *
 * @param events contract event types it wants; empty = every type
 * @param components component ids it follows; empty = every component
 * @param failingSince the first failed attempt since the last delivered one, or {@code null}
 */
public record WebhookEndpoint(String id, String url, String secret, List<String> events, List<String> components,
        boolean enabled, String disabledReason, OffsetDateTime failingSince, OffsetDateTime createdAt) {
}
