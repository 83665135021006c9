package io.heraldo.channel;

import java.util.List;


/**
 * A way of telling people: email, Twitter, webhooks. Each lives in its own package and is a CDI bean; the fan-out
 * finds them all ({@code @Any Instance<Channel>}), so a new channel touches no switch and no registry.
 */
public interface Channel {

    /** The name used in an event's {@code notify} and in the delivery log. */
    String name();

    /** Whether this channel tells anyone about this notification at all (configuration, kind). */
    boolean wants(Notification notification);

    /**
     * The next page of this notification's audience: recipients concerned by it whose id sorts after
     * {@code afterId} ({@code null}: from the start), in id order, at most {@code limit}. Empty when done.
     */
    List<Recipient> recipients(Notification notification, String afterId, int limit);

    /** Renders and sends one delivery. Never throws for a failure of the receiver: it returns it. */
    SendResult send(Delivery delivery);

    /** Deliveries this channel may have in flight at once on one replica. */
    default int concurrency() {
        return 4;
    }

    /** The schedule of retries after a transient failure: attempt n waits the n-th value (last one repeats). */
    default List<java.time.Duration> retrySchedule() {
        return List.of(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30), java.time.Duration.ofMinutes(2),
                java.time.Duration.ofMinutes(10), java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(1));
    }

    /** Attempts after which a delivery that keeps failing transiently is given up ("dead"). */
    default int maxAttempts() {
        return 8;
    }
}
