package io.heraldo.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.jboss.logging.Logger;

import io.heraldo.inbox.SupportDesk.Disposition;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The one thread that reads the support mailbox: it connects over IMAP, handles every message in the folder (the
 * {@link SupportDesk} decides, a few at a time), flags each {@code \Seen} and moves it to the processed or failed
 * folder, then waits for new mail — IDLE when the server offers it, else {@code poll-interval} — and does it again.
 * When the server goes away it reconnects, waiting longer each time up to {@code max-backoff}. Nothing it meets
 * stops it, and it never deletes a message: a move is the server's MOVE, or a copy whose original alone is expunged.
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
    private volatile IMAPFolder watched;
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
        nudge();
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
            IMAPStore store = null;
            try {
                store = connect();
                IMAPFolder inbox = (IMAPFolder) store.getFolder(config.folder());
                Folder processed = ensure(store, config.processedFolder());
                Folder failed = ensure(store, config.failedFolder());
                inbox.open(Folder.READ_WRITE);
                boolean idle = store.hasCapability("IDLE");
                int lastCount = -1;
                LOG.debugf("Support mailbox: connected, %s", idle ? "IDLE" : "polling");
                while (running) {
                    int left = pass(store, inbox, processed, failed);
                    backoff = 1000;
                    passes.incrementAndGet();
                    // Mail that came during the pass is read at once (IDLE would only tell of later mail), unless
                    // the pass made no progress.
                    int count = inbox.getMessageCount();
                    if (running && (count <= left || count == lastCount)) {
                        waitForMail(inbox, idle);
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
                watched = null;
                close(store);
            }
        }
    }

    private IMAPStore connect() throws MessagingException {
        String protocol = config.ssl() ? "imaps" : "imap";
        Properties props = new Properties();
        String timeout = Long.toString(config.timeout().toMillis());
        props.put("mail." + protocol + ".connectiontimeout", timeout);
        props.put("mail." + protocol + ".timeout", timeout);
        props.put("mail." + protocol + ".writetimeout", timeout);
        // Read parts in pieces: only the first bytes of a text are ever asked for.
        props.put("mail." + protocol + ".partialfetch", "true");
        props.put("mail." + protocol + ".fetchsize", Integer.toString(InboundMail.TEXT_PREFIX));
        // Reading a message must not mark it: \Seen is set once it is handled.
        props.put("mail." + protocol + ".peek", "true");
        if (config.ssl()) {
            props.put("mail.imaps.ssl.checkserveridentity", "true");
        }
        Session session = Session.getInstance(props);
        IMAPStore store = (IMAPStore) session.getStore(protocol);
        store.connect(config.imapHost(), config.port(), config.username().orElse(null), config.password().orElse(null));
        return store;
    }

    private static Folder ensure(IMAPStore store, String name) throws MessagingException {
        Folder folder = store.getFolder(name);
        if (!folder.exists() && !folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("cannot create the folder " + name);
        }
        return folder;
    }

    /** Every message now in the folder, a batch at a time; returns how many it left there. */
    private int pass(IMAPStore store, IMAPFolder inbox, Folder processed, Folder failed) throws MessagingException {
        // Messages left in the folder stay in front; those moved away make room for the next batch.
        int left = 0;
        int batches = 0;
        while (running) {
            int count = inbox.getMessageCount();
            if (count <= left || ++batches > count / BATCH + 10) {
                break;
            }
            Message[] batch = inbox.getMessages(left + 1, Math.min(count, left + BATCH));
            Map<Integer, byte[]> prefixes = prefixes(inbox, batch);
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
            move(store, inbox, toProcessed, processed);
            move(store, inbox, toFailed, failed);
            // Select the folder again rather than trust the numbering after a move: some servers (GreenMail) number
            // the EXPUNGE responses of a MOVE as if none came before, which shifts every later message.
            if (!toProcessed.isEmpty() || !toFailed.isEmpty()) {
                inbox.close(false);
                inbox.open(Folder.READ_WRITE);
            }
        }
        return left;
    }

    /**
     * The header and the first {@link InboundMail#PREFIX} bytes of the body of every message of a batch, by message
     * number, in one exchange (one per message would cost a round trip each); with flags. When the server refuses
     * the batch, the messages are read one by one instead (the map is empty).
     */
    private static Map<Integer, byte[]> prefixes(IMAPFolder inbox, Message[] batch) {
        Map<Integer, byte[]> prefixes = new java.util.HashMap<>();
        int[] numbers;
        try {
            FetchProfile flags = new FetchProfile();
            flags.add(FetchProfile.Item.FLAGS);
            flags.add(FetchProfile.Item.SIZE);
            inbox.fetch(batch, flags);
            // A large message is read through its structure instead: some servers build the whole body to cut a
            // piece of it, and only the text part's first bytes are wanted.
            numbers = java.util.Arrays.stream(batch).filter(m -> !m.isExpunged() && size(m) <= LARGE)
                    .mapToInt(Message::getMessageNumber).toArray();
        } catch (MessagingException | RuntimeException e) {
            return prefixes;
        }
        if (numbers.length == 0) {
            return prefixes;
        }
        try {
            fetchPrefixes(inbox, numbers, prefixes);
        } catch (MessagingException | RuntimeException batchFailed) {
            LOG.debugf("Support mailbox: batch fetch failed, messages are fetched one by one: %s",
                    batchFailed.getMessage());
            for (int number : numbers) {
                try {
                    fetchPrefixes(inbox, new int[] { number }, prefixes);
                } catch (MessagingException | RuntimeException e) {
                    // read through the folder instead, where the message will show what is wrong with it
                }
            }
        }
        return prefixes;
    }

    /** Header and body start as one message; the blank line between them added when the server left it out. */
    static byte[] joined(byte[] header, byte[] text) {
        String end = new String(header, Math.max(0, header.length - 4), Math.min(4, header.length),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] separator = end.endsWith("\r\n\r\n") || end.endsWith("\n\n") ? new byte[0]
                : end.endsWith("\n") ? new byte[] { '\r', '\n' } : new byte[] { '\r', '\n', '\r', '\n' };
        byte[] body = text == null ? new byte[0] : text;
        byte[] both = java.util.Arrays.copyOf(header, header.length + separator.length + body.length);
        System.arraycopy(separator, 0, both, header.length, separator.length);
        System.arraycopy(body, 0, both, header.length + separator.length, body.length);
        return both;
    }

    /** Messages larger than this are not fetched with the batch. */
    static final int LARGE = 1024 * 1024;

    private static int size(Message message) {
        try {
            return message.getSize();
        } catch (MessagingException | RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static void fetchPrefixes(IMAPFolder inbox, int[] numbers, Map<Integer, byte[]> prefixes)
            throws MessagingException {
        Response[] responses = (Response[]) inbox.doCommand(protocol -> protocol.fetch(
                MessageSet.createMessageSets(numbers), "BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0." + InboundMail.PREFIX + ">"));
        for (int number : numbers) {
            byte[] header = null;
            byte[] text = null;
            for (BODY body : FetchResponse.getItems(responses, number, BODY.class)) {
                if ("HEADER".equalsIgnoreCase(body.getSection())) {
                    header = body.getByteArray().getNewBytes();
                } else if ("TEXT".equalsIgnoreCase(body.getSection())) {
                    text = body.getByteArray().getNewBytes();
                }
            }
            // No header at all: gone meanwhile, or truly headerless; reading it through the folder tells which.
            if (header != null && header.length > 2) {
                prefixes.put(number, joined(header, text));
            }
        }
    }

    /** {@code \Seen}, then MOVE; without MOVE a copy, and only the originals flagged and expunged (UIDPLUS). */
    private static void move(IMAPStore store, IMAPFolder from, List<Message> messages, Folder to)
            throws MessagingException {
        List<Message> present = messages.stream().filter(m -> !m.isExpunged()).toList();
        if (present.isEmpty()) {
            return;
        }
        Message[] batch = present.toArray(Message[]::new);
        from.setFlags(batch, new Flags(Flags.Flag.SEEN), true);
        if (store.hasCapability("MOVE")) {
            from.moveMessages(batch, to);
            return;
        }
        from.copyMessages(batch, to);
        from.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
        if (store.hasCapability("UIDPLUS")) {
            from.expunge(batch);
        }
        // Without UIDPLUS the originals stay, flagged deleted (and skipped): expunging the folder could remove
        // messages someone else flagged.
    }

    /**
     * Waits for new mail: IDLE, ended by the server's news or by a nudge after {@code poll-interval} (and before the
     * read timeout); without IDLE, a plain wait.
     */
    private void waitForMail(IMAPFolder inbox, boolean idle) throws MessagingException {
        Duration wait = config.pollInterval();
        if (!idle) {
            sleep(wait.toMillis());
            return;
        }
        long nudgeAfter = Math.max(100, Math.min(wait.toMillis(), config.timeout().toMillis() / 2));
        watched = inbox;
        // Repeated: a nudge that came before the IDLE began would not end it.
        ScheduledFuture<?> nudge = nudger.scheduleWithFixedDelay(this::nudge, nudgeAfter, nudgeAfter,
                TimeUnit.MILLISECONDS);
        try {
            if (running) {
                inbox.idle(true);
            }
        } finally {
            nudge.cancel(false);
            watched = null;
        }
    }

    /** Ends an IDLE: a command on the folder's connection from another thread does. */
    private void nudge() {
        IMAPFolder folder = watched;
        if (folder != null) {
            try {
                folder.doCommand(protocol -> {
                    protocol.noop();
                    return null;
                });
            } catch (MessagingException | RuntimeException e) {
                LOG.debugf("Support mailbox: nudge failed: %s", e.getMessage());
            }
        }
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

    private static void close(IMAPStore store) {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debugf("Support mailbox: closing: %s", e.getMessage());
        }
    }
}
