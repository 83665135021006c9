package io.heraldo.audience;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.jboss.logging.Logger;

import io.heraldo.platform.mail.EmailConfig;
import io.heraldo.platform.mail.Postman;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the queued confirmation mails ({@link ConfirmationQueue}) on every replica: a moment after a subscription
 * request ({@link #wake}), and every second whatever is due (again). A mail the relay would not take for a passing
 * reason (SMTP down, a 4xx) is tried again later, one it refuses for good (5xx) is dropped, and so is one unsent for
 * too long ({@link ConfirmationRetry}). The subscriber stays pending either way, and may ask again.
 */
@ApplicationScoped
public class ConfirmationSender {

    private static final Logger LOG = Logger.getLogger(ConfirmationSender.class);

    /** Mails taken at once by one sender. */
    static final int BATCH = 20;
    /** How long after an opt-in its mail goes: well after the answer, well before anyone looks for the mail. */
    static final Duration WAKE_DELAY = Duration.ofMillis(100);

    private final ConfirmationQueue queue;
    private final SubscriberRepository repository;
    private final SubscriberLinks links;
    private final ConfirmationMail mail;
    private final ReturnPaths returnPaths;
    private final Postman postman;
    private final ConfirmationRetry retry;
    private final OutboxRelay relay;
    /** Longer than a send can take (waiting for a connection, connecting, sending): only a dead sender outlives it. */
    private final Duration lease;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heraldo-confirmation-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean stopped;

    public ConfirmationSender(ConfirmationQueue queue, SubscriberRepository repository, SubscriberLinks links,
            ConfirmationMail mail, ReturnPaths returnPaths, Postman postman, SubscriptionsConfig config,
            EmailConfig email, OutboxRelay relay) {
        this.queue = queue;
        this.repository = repository;
        this.links = links;
        this.mail = mail;
        this.returnPaths = returnPaths;
        this.postman = postman;
        this.relay = relay;
        this.retry = new ConfirmationRetry(config.confirmationRetry(), config.confirmationRetryMax(),
                config.confirmationGiveUpAfter(), bound -> ThreadLocalRandom.current().nextLong(bound + 1));
        Duration fourSends = email.sendTimeout().multipliedBy(4);
        this.lease = fourSends.compareTo(Duration.ofMinutes(1)) > 0 ? fourSends : Duration.ofMinutes(1);
    }

    @Scheduled(every = "${heraldo.subscriptions.confirmation-check-interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        sendDue();
    }

    /**
     * A subscription request was answered: in a moment, its confirmation mail goes (when it started an opt-in), and
     * its outbox row to the topic. A moment, not at once: the answer is out by then, so this work does not compete
     * with answering, and a new address is not answered a little slower than a known one. Called for every request
     * alike; for a confirmed address there is simply nothing to send.
     */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            try {
                waker.schedule(() -> {
                    woken.set(false);
                    sendDue();
                    relay.relay();
                }, WAKE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                woken.set(false);
            }
        }
    }

    /** Sends everything due. Calls while it runs here make it go round once more before it stops. */
    public void sendDue() {
        if (!postman.enabled()) {
            return;
        }
        requested.set(true);
        while (!stopped && requested.get() && running.tryLock()) {
            try {
                requested.set(false);
                List<ConfirmationQueue.Queued> taken;
                do {
                    taken = queue.take(BATCH, lease);
                    for (ConfirmationQueue.Queued queued : taken) {
                        if (stopped) {
                            return; // the rest are taken again when their lease ends
                        }
                        send(queued);
                    }
                } while (taken.size() == BATCH);
            } catch (RuntimeException e) {
                // The database went away: the rows stay and are taken again.
                LOG.warnf("Confirmation mails not sent now: %s", e.getMessage());
                return;
            } finally {
                running.unlock();
            }
        }
    }

    private void send(ConfirmationQueue.Queued queued) {
        Optional<StoredSubscriber> stored = repository.storedById(queued.subscriberId());
        if (stored.isEmpty() || stored.get().subscriber().state() != SubscriberState.PENDING) {
            // Removed, or confirmed, unsubscribed or suppressed meanwhile: a link would change nothing.
            queue.done(queued.id());
            return;
        }
        Subscriber subscriber = stored.get().subscriber();
        try {
            SMTPMessage message = mail.compose(subscriber, links.confirm(subscriber.id(), queued.nonce()));
            message.setEnvelopeFrom(returnPaths.address(subscriber.id().toString(), "confirm:" + queued.nonce())
                    .orElse(null));
            postman.send(message);
            queue.done(queued.id());
        } catch (MessagingException | RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (e instanceof MessagingException messaging && ConfirmationRetry.permanent(messaging)) {
                LOG.warnf("Confirmation mail for subscriber %s refused for good, not sent: %s", subscriber.id(), reason);
                queue.done(queued.id());
            } else if (retry.givenUp(queued.queuedAt(), OffsetDateTime.now())) {
                LOG.warnf("Confirmation mail for subscriber %s not sent after %d attempts, given up: %s",
                        subscriber.id(), queued.attempts(), reason);
                queue.done(queued.id());
            } else {
                Duration wait = retry.wait(queued.attempts());
                LOG.infof("Confirmation mail for subscriber %s not sent (attempt %d), again in %d s: %s",
                        subscriber.id(), queued.attempts(), wait.toSeconds(), reason);
                queue.retryLater(queued.id(), wait, reason);
            }
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        waker.shutdownNow();
    }
}
