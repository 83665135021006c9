package io.heraldo.inbox;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jboss.logging.Logger;

/**
 * One IMAP connection to the support mailbox: the folder it reads, open read-write, and the processed and failed
 * folders it moves messages to (made when missing); the moves, which never delete a message; and IDLE, which another
 * thread ends with a {@link #nudge}.
 */
final class MailboxConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MailboxConnection.class);

    private final IMAPStore store;
    private final IMAPFolder inbox;
    private final Folder processed;
    private final Folder failed;
    private final boolean idles;
    /** Set while in IDLE: only then does a nudge go to the server. */
    private volatile boolean idling;

    private MailboxConnection(IMAPStore store, IMAPFolder inbox, Folder processed, Folder failed) throws MessagingException {
        this.store = store;
        this.inbox = inbox;
        this.processed = processed;
        this.failed = failed;
        this.idles = store.hasCapability("IDLE");
    }

    static MailboxConnection open(InboxConfig config) throws MessagingException {
        IMAPStore store = connect(config);
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder(config.folder());
            Folder processed = ensure(store, config.processedFolder());
            Folder failed = ensure(store, config.failedFolder());
            inbox.open(Folder.READ_WRITE);
            return new MailboxConnection(store, inbox, processed, failed);
        } catch (MessagingException | RuntimeException e) {
            close(store);
            throw e;
        }
    }

    private static IMAPStore connect(InboxConfig config) throws MessagingException {
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

    IMAPFolder inbox() {
        return inbox;
    }

    Folder processed() {
        return processed;
    }

    Folder failed() {
        return failed;
    }

    /** Whether the server offers IDLE; without it, new mail is found by polling. */
    boolean idles() {
        return idles;
    }

    /** {@code \Seen}, then MOVE; without MOVE a copy, and only the originals flagged and expunged (UIDPLUS). */
    void move(List<Message> messages, Folder to) throws MessagingException {
        List<Message> present = messages.stream().filter(m -> !m.isExpunged()).toList();
        if (present.isEmpty()) {
            return;
        }
        Message[] batch = present.toArray(Message[]::new);
        inbox.setFlags(batch, new Flags(Flags.Flag.SEEN), true);
        if (store.hasCapability("MOVE")) {
            inbox.moveMessages(batch, to);
            return;
        }
        inbox.copyMessages(batch, to);
        inbox.setFlags(batch, new Flags(Flags.Flag.DELETED), true);
        if (store.hasCapability("UIDPLUS")) {
            inbox.expunge(batch);
        }
        // Without UIDPLUS the originals stay, flagged deleted (and skipped): expunging the folder could remove
        // messages someone else flagged.
    }

    /**
     * Selects the folder again rather than trust the numbering after a move: some servers (GreenMail) number the
     * EXPUNGE responses of a MOVE as if none came before, which shifts every later message.
     */
    void reselect() throws MessagingException {
        inbox.close(false);
        inbox.open(Folder.READ_WRITE);
    }

    /**
     * IDLE until the server tells of news or a nudge ends it; {@code nudger} nudges every {@code nudgeAfterMillis}
     * meanwhile (before the read timeout). Not entered when {@code running} is false by then.
     */
    void idle(long nudgeAfterMillis, ScheduledExecutorService nudger, BooleanSupplier running)
            throws MessagingException {
        idling = true;
        // Repeated: a nudge that came before the IDLE began would not end it.
        ScheduledFuture<?> nudge = nudger.scheduleWithFixedDelay(this::nudge, nudgeAfterMillis, nudgeAfterMillis,
                TimeUnit.MILLISECONDS);
        try {
            if (running.getAsBoolean()) {
                inbox.idle(true);
            }
        } finally {
            nudge.cancel(false);
            idling = false;
        }
    }

    /** Ends an IDLE: a command on the folder's connection from another thread does. */
    void nudge() {
        if (!idling) {
            return;
        }
        try {
            inbox.doCommand(protocol -> {
                protocol.noop();
                return null;
            });
        } catch (MessagingException | RuntimeException e) {
            LOG.debugf("Support mailbox: nudge failed: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        idling = false;
        close(store);
    }

    private static void close(IMAPStore store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debugf("Support mailbox: closing: %s", e.getMessage());
        }
    }
}
