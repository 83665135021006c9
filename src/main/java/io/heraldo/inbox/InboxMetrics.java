package io.heraldo.inbox;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * {@code heraldo_inbox_messages_total{outcome}}: what became of each message of the support mailbox. Every outcome
 * is registered at start, so the series exist (at zero) before the first message.
 */
@Startup
@ApplicationScoped
public class InboxMetrics {

    /** What became of one message. */
    public enum Outcome {
        /** Got a status reply. */
        REPLIED,
        /** A person's message that got no reply: not during an incident, or replied to recently. */
        QUIET,
        /** Automatic mail (RFC 3834): never answered. */
        AUTOMATIC,
        SUBSCRIBED,
        UNSUBSCRIBED,
        /** An unsubscribe without a valid token: the subscriber got the one-click link instead. */
        UNSUBSCRIBE_LINK,
        /** A delivery status notification. */
        BOUNCE,
        /** Unreadable or hostile: moved to the failed folder. */
        FAILED,
        /** Nothing done for a passing reason; tried again on the next pass. */
        RETRY;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    public InboxMetrics(MeterRegistry registry) {
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder("heraldo.inbox.messages")
                    .description("Messages of the support mailbox, by what became of them")
                    .tag("outcome", outcome.wire()).register(registry));
        }
    }

    void count(Outcome outcome) {
        counters.get(outcome).increment();
    }
}
