package io.heraldo.fanout;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.channel.Channel;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.SendResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What an attempt's result means for the delivery log: sent, refused for good, retried on the channel's schedule or
 * given up; counted by channel and outcome, and timed from the event to the channel accepting it.
 */
@ApplicationScoped
public class Attempts {

    /** Buckets of the latency histogram: a tweet in seconds, a large email fan-out in minutes, retries in hours. */
    static final Duration[] LATENCY_BUCKETS = Stream.of("PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT2.5S", "PT5S",
            "PT10S", "PT30S", "PT1M", "PT2M", "PT5M", "PT10M", "PT30M", "PT1H", "PT3H", "PT12H")
            .map(Duration::parse).toArray(Duration[]::new);
    static final List<String> OUTCOMES = List.of("sent", "failed", "retrying", "dead", "coalesced");

    private record Meters(Timer latency, Map<String, Counter> outcomes) {
    }

    private final MeterRegistry registry;
    private final Map<String, Meters> meters = new ConcurrentHashMap<>();

    public Attempts(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers a channel's meters, so they exist (as zeros) before its first delivery. */
    void register(Channel channel) {
        meters(channel.name());
    }

    private Meters meters(String channel) {
        return meters.computeIfAbsent(channel, name -> new Meters(
                Timer.builder("heraldo.delivery.latency").tag("channel", name)
                        .description("From the event's time to the channel accepting the delivery")
                        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry),
                Map.of("sent", registry.counter("heraldo.deliveries", "channel", name, "outcome", "sent"),
                        "failed", registry.counter("heraldo.deliveries", "channel", name, "outcome", "failed"),
                        "retrying", registry.counter("heraldo.deliveries", "channel", name, "outcome", "retrying"),
                        "dead", registry.counter("heraldo.deliveries", "channel", name, "outcome", "dead"),
                        "coalesced", registry.counter("heraldo.deliveries", "channel", name, "outcome", "coalesced"))));
    }

    /** A delivery not sent because a newer update carries it: counted, though nothing was tried. */
    void coalesced(Channel channel) {
        meters(channel.name()).outcomes().get("coalesced").increment();
    }

    /**
     * The outcome of one attempt.
     *
     * @param eventTime the event's time: the latency of a success is measured from it
     */
    Outcome of(Channel channel, Delivery delivery, SendResult result, long durationMs, OffsetDateTime eventTime) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Meters m = meters(channel.name());
        Outcome outcome;
        if (result instanceof SendResult.Sent sent) {
            outcome = new Outcome(delivery.id(), delivery.attempt(), "sent", sent.statusCode(), durationMs, null, null,
                    sent.externalId());
            // From the event's time: a producer clock ahead of ours counts as no wait rather than a negative one.
            Duration waited = Duration.between(eventTime, now);
            m.latency().record(waited.isNegative() ? Duration.ZERO : waited);
        } else if (result instanceof SendResult.Failed failed) {
            outcome = new Outcome(delivery.id(), delivery.attempt(), "failed", failed.statusCode(), durationMs,
                    failed.reason(), null, null);
        } else {
            SendResult.Retry retry = (SendResult.Retry) result;
            if (RetryPolicy.isExhausted(delivery.attempt(), channel.maxAttempts())) {
                outcome = new Outcome(delivery.id(), delivery.attempt(), "dead", retry.statusCode(), durationMs,
                        retry.reason(), null, null);
            } else {
                outcome = new Outcome(delivery.id(), delivery.attempt(), "retrying", retry.statusCode(), durationMs,
                        retry.reason(), RetryPolicy.nextAttempt(now, channel.retrySchedule(), delivery.attempt(),
                                retry.after(), ThreadLocalRandom.current()), null);
            }
        }
        m.outcomes().get(outcome.state()).increment();
        return outcome;
    }
}
