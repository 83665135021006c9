package io.heraldo.channel;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * At most {@code perTarget} sends in flight to one registered target (a webhook endpoint, a chat destination), so a
 * slow receiver holds its own sends, not the channel's. A send that finds its target busy waits a little on a sender
 * thread, then goes back to the retry schedule like any failure: a fixed short wait would burn every attempt of a
 * backlog behind a slow receiver within a minute.
 */
public final class TargetPermits {

    private static final Duration BUSY_WAIT = Duration.ofSeconds(2);

    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();
    private final int perTarget;
    private final String busy;

    /**
     * @param target how a busy target's reason names it ("endpoint", "destination")
     * @param sends how it names what is sent ("deliveries", "messages")
     */
    public TargetPermits(int perTarget, String target, String sends) {
        this.perTarget = perTarget;
        this.busy = "the " + target + " already has " + perTarget + " " + sends + " in flight";
    }

    /**
     * Sends to {@code targetId} within its permits; {@code afterwards} turns the answer into the outcome (disabling
     * the target, say) on a sender thread.
     */
    public <A> CompletionStage<SendResult> send(String targetId, Supplier<CompletionStage<A>> send,
            Function<A, SendResult> afterwards, Executor senders) {
        Semaphore permits = inFlight.computeIfAbsent(targetId, id -> new Semaphore(perTarget));
        if (permits.tryAcquire()) {
            return send.get().whenComplete((answer, error) -> permits.release())
                    .thenApplyAsync(afterwards, senders);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (!permits.tryAcquire(BUSY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return new SendResult.Retry(busy, null, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SendResult.Retry("interrupted", null, null);
            }
            try {
                return afterwards.apply(send.get().toCompletableFuture().join());
            } finally {
                permits.release();
            }
        }, senders);
    }
}
