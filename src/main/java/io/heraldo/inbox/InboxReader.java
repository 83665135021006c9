package io.heraldo.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.Flags;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jboss.logging.Logger;

import io.heraldo.inbox.SupportDesk.Disposition;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The one thread that reads the support mailbox: it connects over IMAP, handles every message in the folder (the
 * {@link SupportDesk} decides, a few at a time), flags each {@code \Seen} and moves it to the processed or failed
 * folder, then waits for new mail — IDLE when the server offers it, else {@code poll-interval} — and does it again.
 * When the server goes away it reconnects, waiting longer each time up to {@code max-backoff}. Nothing it meets
 * stops it, and it never deletes a message: a move is the server's MOVE, or a copy whose original alone is expunged
 * ({@link MailboxConnection}). Each batch's headers are read in one exchange ({@link HeaderPrefetch}).
 */
@ApplicationScoped
public class InboxReader {

    private static final Logger LOG = Logger.getLogger(InboxReader.class);

    /** Messages read, handled and moved together. */
    static final int BATCH = 100;

    private final InboxConfig config;
    private final SupportDesk desk;
    private final AtomicLong passes = new AtomicLong();

    private volatile boolean running;
    /** This reader's name in the ledger's claims, new at every start. */
    private volatile String replica;
    private volatile Thread thread;
    private volatile MailboxConnection connection;
    private ExecutorService workers;
    private ScheduledExecutorService nudger;

    /** Also for a second reader in tests: {@link #start()} it, and {@link #stop()} it after. */
    public InboxReader(InboxConfig config, SupportDesk desk) {
        this.config = config;
        this.desk = desk;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts reading (again); does nothing when it reads already. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        replica = InboxLedger.replicaName();
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(Math.max(1, config.concurrency()), r -> daemon(r, "heraldo-inbox-desk-" + n.incrementAndGet()));
        nudger = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "heraldo-inbox-nudge"));
        thread = daemon(this::run, "heraldo-inbox");
        thread.start();
        LOG.infof("Support mailbox: reading %s on %s:%d as %s", config.folder(), config.imapHost(), config.port(),
                config.username().orElse("(no user)"));
    }

    /** Stops reading; a message being handled is finished first (or left, claimed, for the next start). */
    @PreDestroy
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        Thread reader = thread;
        MailboxConnection open = connection;
        if (open != null) {
            open.nudge();
        }
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
            if (reader.isAlive()) {
                reader.interrupt();
                reader.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        nudger.shutdownNow();
    }

    public boolean running() {
        return running;
    }

    /** Passes over the folder completed since start: tests wait for one after putting mail in. */
    public long passes() {
        return passes.get();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void run() {
        long backoff = 1000;
        while (running) {
            MailboxConnection mailbox = null;
            try {
                mailbox = MailboxConnection.open(config);
                connection = mailbox;
                int lastCount = -1;
                LOG.debugf("Support mailbox: connected, %s", mailbox.idles() ? "IDLE" : "polling");
                while (running) {
                    int left = pass(mailbox);
                    backoff = 1000;
                    passes.incrementAndGet();
                    // Mail that came during the pass is read at once (IDLE would only tell of later mail), unless
                    // the pass made no progress.
                    int count = mailbox.inbox().getMessageCount();
                    if (running && (count <= left || count == lastCount)) {
                        waitForMail(mailbox);
                    }
                    lastCount = count;
                }
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError error && !(e instanceof OutOfMemoryError)) {
                    throw error;
                }
                if (running) {
                    LOG.warnf("Support mailbox: connection lost or refused (%s), again in %d s",
                            InboundMail.oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()), backoff / 1000);
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, Math.max(1000, config.maxBackoff().toMillis()));
                }
            } finally {
                connection = null;
                if (mailbox != null) {
                    mailbox.close();
                }
            }
        }
    }

    /** Every message now in the folder, a batch at a time; returns how many it left there. */
    private int pass(MailboxConnection mailbox) throws MessagingException {
        IMAPFolder inbox = mailbox.inbox();
        // Messages left in the folder stay in front; those moved away make room for the next batch.
        int left = 0;
        int batches = 0;
        while (running) {
            int count = inbox.getMessageCount();
            if (count <= left || ++batches > count / BATCH + 10) {
                break;
            }
            Message[] batch = inbox.getMessages(left + 1, Math.min(count, left + BATCH));
            Map<Integer, byte[]> prefixes = HeaderPrefetch.of(inbox, batch);
            List<Message> toProcessed = new ArrayList<>();
            List<Message> toFailed = new ArrayList<>();
            // One task per key: the same message twice (a copy, a resend) is handled once.
            Map<String, List<Message>> byKey = new LinkedHashMap<>();
            Map<String, Future<Disposition>> tasks = new LinkedHashMap<>();
            for (Message message : batch) {
                try {
                    if (message.isExpunged()) {
                        continue;
                    }
                    if (message.isSet(Flags.Flag.DELETED)) {
                        left++;
                        continue;
                    }
                    byte[] prefix = prefixes.get(message.getMessageNumber());
                    InboundMail mail = prefix != null ? InboundMail.read(prefix) : InboundMail.read(message);
                    byKey.computeIfAbsent(mail.key(), k -> new ArrayList<>()).add(message);
                    tasks.computeIfAbsent(mail.key(), k -> workers.submit(() -> desk.handle(mail, replica)));
                } catch (InboundMail.UnreadableMail e) {
                    toFailed.add(message);
                    desk.unreadable(describe(message) + ": " + e.getMessage());
                } catch (MessageRemovedException e) {
                    // someone else moved it meanwhile
                } catch (FolderClosedException | StoreClosedException e) {
                    throw e;
                } catch (MessagingException | RuntimeException e) {
                    toFailed.add(message);
                    desk.unreadable(describe(message) + ": " + InboundMail.oneLine(e.toString()));
                }
            }
            for (Map.Entry<String, Future<Disposition>> task : tasks.entrySet()) {
                Disposition disposition;
                try {
                    disposition = task.getValue().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MessagingException("interrupted");
                } catch (Exception e) {
                    LOG.warnf("Support mailbox: handling %s failed: %s", task.getKey(), InboundMail.oneLine(e.toString()));
                    disposition = Disposition.LEAVE;
                }
                switch (disposition) {
                    case PROCESSED -> toProcessed.addAll(byKey.get(task.getKey()));
                    case FAILED -> toFailed.addAll(byKey.get(task.getKey()));
                    default -> left += byKey.get(task.getKey()).size();
                }
            }
            mailbox.move(toProcessed, mailbox.processed());
            mailbox.move(toFailed, mailbox.failed());
            if (!toProcessed.isEmpty() || !toFailed.isEmpty()) {
                mailbox.reselect();
            }
        }
        return left;
    }

    /**
     * Waits for new mail: IDLE, ended by the server's news or by a nudge after {@code poll-interval} (and before the
     * read timeout); without IDLE, a plain wait.
     */
    private void waitForMail(MailboxConnection mailbox) throws MessagingException {
        Duration wait = config.pollInterval();
        if (!mailbox.idles()) {
            sleep(wait.toMillis());
            return;
        }
        long nudgeAfter = Math.max(100, Math.min(wait.toMillis(), config.timeout().toMillis() / 2));
        mailbox.idle(nudgeAfter, nudger, () -> running);
    }

    private static String describe(Message message) {
        return "message " + message.getMessageNumber();
    }

    private void sleep(long millis) {
        long until = System.currentTimeMillis() + millis;
        while (running && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(Math.min(200, Math.max(1, until - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
