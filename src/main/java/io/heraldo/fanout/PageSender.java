package io.heraldo.fanout;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.heraldo.channel.Channel;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.Recipient;
import io.heraldo.channel.SendResult;
import io.heraldo.platform.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * Sends what is left of one claimed page of one channel: its entries in order, as many at once as the channel's
 * permits allow (shared by the channel's workers on this replica), recording outcomes every
 * {@code heraldo.fanout.record-batch} or {@code record-interval}. A channel that posts in threads has each outcome
 * recorded before its next send. The page ends done, lost (another replica took it over), or given back unfinished
 * when the replica stops.
 */
final class PageSender {

    private static final Logger LOG = Logger.getLogger(PageSender.class);

    private final Channel channel;
    private final ExecutorService senders;
    private final Semaphore permits;
    private final DeliveryPages pages;
    private final Threads threads;
    private final Bursts bursts;
    private final DeliveryLog log;
    private final Attempts attempts;
    private final Leases leases;
    private final Traces traces;
    private final FanoutConfig config;
    private final String replica;

    PageSender(Channel channel, ExecutorService senders, Semaphore permits, DeliveryPages pages, Threads threads,
            Bursts bursts, DeliveryLog log, Attempts attempts, Leases leases, Traces traces, FanoutConfig config,
            String replica) {
        this.channel = channel;
        this.senders = senders;
        this.permits = permits;
        this.pages = pages;
        this.threads = threads;
        this.bursts = bursts;
        this.log = log;
        this.attempts = attempts;
        this.leases = leases;
        this.traces = traces;
        this.config = config;
        this.replica = replica;
    }

    /**
     * Whether the pages of this notification wait: the channel coalesces and an earlier update of its thread may
     * still be sent to someone, who must not get it after this one.
     */
    boolean waitsForEarlier(Notification notification) {
        return channel.coalesces() && Burst.threaded(notification)
                && Burst.unsettledBefore(notification.id(), bursts.thread(notification.threadId(), channel.name()))
                        .isPresent();
    }

    /**
     * @param running false once the replica stops: no new send starts, the ones out finish and are recorded
     * @param parent the trace the page's sends join
     */
    void send(DeliveryPage page, DeliveryLog.StoredNotification stored, Context parent, BooleanSupplier running)
            throws InterruptedException {
        PageRun run = new PageRun(page);
        leases.hold(run);
        try {
            sendEntries(run, stored, parent, running);
            // Every send out finishes (each is bounded by its channel's timeout) and is recorded.
            while (!run.awaitOutstanding(intervalMillis())) {
                record(run);
            }
            record(run);
            if (!run.finished() && !run.lost()) {
                pages.release(page.id(), replica);
            }
        } finally {
            leases.drop(run);
        }
    }

    private void sendEntries(PageRun run, DeliveryLog.StoredNotification stored, Context parent,
            BooleanSupplier running) throws InterruptedException {
        DeliveryPage page = run.page();
        // A single account posting in threads (X) sends and records one post at a time, so the next update finds
        // this one's post at once; many targets (chat destinations) are sent concurrently, each with its own thread.
        boolean oneAtATime = channel.postsInThreads() && channel.concurrency() == 1;
        int batch = oneAtATime ? 1 : config.recordBatch();
        OffsetDateTime eventTime = stored.notification().occurredAt() != null ? stored.notification().occurredAt()
                : stored.createdAt();
        Map<String, List<ThreadOrder.Entry>> thread = channel.postsInThreads() ? threads.of(stored.notification(),
                channel.name(), page.entries().stream().map(entry -> entry.recipient().id()).toList()) : null;
        PageBurst burst = PageBurst.of(channel, bursts, log, stored.notification(), page);
        prepare(page);
        for (int i = 0; i < page.size(); i++) {
            if (page.isDone(i)) {
                continue;
            }
            List<Notification> carried = List.of();
            if (burst != null) {
                if (!running.getAsBoolean() || run.lost()) {
                    return;
                }
                DeliveryPage.Entry entry = page.entries().get(i);
                if (burst.supersededBy(entry.recipient()) != null) {
                    // A newer update reaches this reader: it goes instead, carrying this one.
                    run.submitted();
                    run.completed(i, Outcome.coalesced(entry.id(), entry.attempt()));
                    attempts.coalesced(channel);
                    if (run.due(batch, config.recordInterval().toNanos())) {
                        record(run);
                    }
                    continue;
                }
                carried = burst.carried(entry.recipient());
            }
            while (!permits.tryAcquire(intervalMillis(), TimeUnit.MILLISECONDS)) {
                if (run.due(batch, config.recordInterval().toNanos())) {
                    record(run);
                }
                if (!running.getAsBoolean() || run.lost()) {
                    return;
                }
            }
            if (!running.getAsBoolean() || run.lost()) {
                permits.release();
                return;
            }
            DeliveryPage.Entry entry = page.entries().get(i);
            Delivery.Thread answers = null;
            if (thread != null) {
                ThreadOrder.Decision decision = ThreadOrder.decide(stored.notification().id(),
                        thread.get(entry.recipient().id()), OffsetDateTime.now(ZoneOffset.UTC));
                if (!(decision instanceof ThreadOrder.Post post)) {
                    settleWithoutSending(run, i, entry, decision);
                    continue;
                }
                answers = post.thread();
            }
            Delivery delivery = new Delivery(entry.id(), stored.notification(), channel.name(), entry.recipient(),
                    entry.attempt(), answers, carried);
            start(run, i, delivery, eventTime, parent);
            if (oneAtATime) {
                while (!run.awaitOutstanding(intervalMillis())) {
                    // a slow post: its lease is renewed meanwhile
                }
                record(run);
            } else if (run.due(batch, config.recordInterval().toNanos())) {
                record(run);
            }
        }
    }

    private void prepare(DeliveryPage page) {
        List<Recipient> left = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            if (!page.isDone(i)) {
                left.add(page.entries().get(i).recipient());
            }
        }
        try {
            channel.prepare(left);
        } catch (RuntimeException e) {
            // Each send looks its own target up then.
            LOG.debugf("Preparing a page of %s failed: %s", channel.name(), e.getMessage());
        }
    }

    private void start(PageRun run, int index, Delivery delivery, OffsetDateTime eventTime, Context parent) {
        Span span = traces.startDelivery(parent, channel.name(), delivery.id(), delivery.notification().id(),
                delivery.attempt());
        long start = System.nanoTime();
        run.submitted();
        CompletionStage<SendResult> sending;
        try {
            sending = channel.sendAsync(delivery, senders);
        } catch (RuntimeException e) {
            sending = CompletableFuture.completedFuture(failure(e));
        }
        sending.whenComplete((result, error) -> {
            try {
                SendResult settled = error != null ? failure(error) : result;
                Outcome outcome = attempts.of(channel, delivery, settled, (System.nanoTime() - start) / 1_000_000,
                        eventTime);
                span.setAttribute("heraldo.delivery.outcome", outcome.state());
                if (!outcome.sent()) {
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
                // The updates it carried were told to the reader once it went.
                run.completed(index, outcome, outcome.sent() ? delivery.carried().stream()
                        .map(earlier -> Delivery.idOf(earlier.id(), channel.name(), delivery.recipient().id()))
                        .toList() : List.of());
            } finally {
                permits.release();
            }
        });
    }

    /**
     * An update of a thread that is not sent now: posted already (a replay, or a replica that died before recording
     * it), or waiting for an earlier update, which costs no attempt.
     */
    private void settleWithoutSending(PageRun run, int index, DeliveryPage.Entry entry, ThreadOrder.Decision decision)
            {
        run.submitted();
        if (decision instanceof ThreadOrder.Posted posted) {
            run.completed(index, new Outcome(entry.id(), entry.attempt(), "sent", null, 0, null, null,
                    posted.externalId()));
        } else {
            ThreadOrder.Wait wait = (ThreadOrder.Wait) decision;
            run.completed(index, Outcome.waiting(entry.id(), entry.attempt(), "waiting for the earlier update "
                    + wait.earlierId() + " of its thread", OffsetDateTime.now(ZoneOffset.UTC).plus(wait.after())));
        }
        permits.release();
        record(run);
    }

    /** A channel that threw instead of answering: its receiver may still take it, so it is tried again. */
    private static SendResult failure(Throwable error) {
        Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                ? error.getCause()
                : error;
        return new SendResult.Retry(SendResult.reason(cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                500, "unexpected failure"), null, null);
    }

    private void record(PageRun run) {
        if (run.lost()) {
            return;
        }
        List<DeliveryPages.Recorded> outcomes = run.drain();
        if (!pages.record(run.page(), replica, run.done(), outcomes, config.inFlightTimeout())) {
            run.lose();
        }
    }

    private long intervalMillis() {
        return Math.max(10, config.recordInterval().toMillis());
    }
}
