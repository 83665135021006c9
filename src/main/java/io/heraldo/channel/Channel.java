package io.heraldo.channel;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

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

    /**
     * Sends one delivery without holding the caller: by default {@link #send} on one of the channel's sender
     * threads. A channel whose client is asynchronous answers from its own event loop instead. The stage completes
     * with the result, never exceptionally for a failure of the receiver.
     */
    default CompletionStage<SendResult> sendAsync(Delivery delivery, Executor senders) {
        return CompletableFuture.supplyAsync(() -> send(delivery), senders);
    }

    /** Deliveries this channel may have in flight at once on one replica. */
    default int concurrency() {
        return 4;
    }

    /**
     * Whether every delivery keeps a row in the delivery log from the moment it is planned: targets an operator looks
     * at one by one (an endpoint's deliveries, replays, a thread of posts). A channel with a mass audience answers
     * false: its deliveries cost a row only when they fail or wait for a retry.
     */
    default boolean logsEveryDelivery() {
        return true;
    }

    /**
     * Whether the updates of one incident form a thread of posts that reply to each other, per recipient: the
     * fan-out then gives a recipient each update only once the earlier ones reached it, with the posts it answers
     * ({@link Delivery#thread()}); a channel with a concurrency of 1 also has each outcome recorded before its next
     * send, so the next update finds the post at once.
     */
    default boolean postsInThreads() {
        return false;
    }

    /**
     * Whether an update not yet sent to a recipient gives way to a newer update of the same incident or maintenance
     * that will reach them: the newer one then carries it ({@link Delivery#carried()}). For mail, where a burst of
     * updates would otherwise be a burst of messages.
     */
    default boolean coalesces() {
        return false;
    }

    /**
     * Those of {@code recipients} whom {@code newer} reaches too (its audience): only for them may an older update
     * give way to it. One question for a page of recipients.
     */
    default Set<String> reached(Notification newer, Collection<Recipient> recipients) {
        return recipients.stream().map(Recipient::id).collect(Collectors.toSet());
    }

    /**
     * Called once before the sends of a page, with its recipients still to be sent: a channel that looks each
     * target up as it sends (webhook endpoints, chat destinations) reads them here in one query instead of one query
     * per send on the sending thread. Best effort: a send that finds nothing prepared looks its target up itself.
     */
    default void prepare(List<Recipient> recipients) {
    }

    /** The schedule of retries after a transient failure: attempt n waits the n-th value (last one repeats). */
    default List<Duration> retrySchedule() {
        return List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
                Duration.ofMinutes(30), Duration.ofHours(1));
    }

    /** Attempts after which a delivery that keeps failing transiently is given up ("dead"). */
    default int maxAttempts() {
        return 8;
    }
}
