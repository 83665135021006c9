package io.heraldo.inbox;

import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.HeaderTerm;

import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.HeraldoServers;

/** The support mailbox as a mail client sees it: which folder holds a message, and how many there are. */
final class SupportMailbox {

    static final String INBOX = "INBOX";
    static final String PROCESSED = "Heraldo/Processed";
    static final String FAILED = "Heraldo/Failed";

    private SupportMailbox() {
    }

    @FunctionalInterface
    private interface Look<T> {
        T in(Store store) throws MessagingException;
    }

    private static <T> T look(GreenMail greenMail, Look<T> look) {
        try {
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", greenMail.getImap().getPort(), HeraldoServers.INBOX_ADDRESS,
                    HeraldoServers.INBOX_PASSWORD);
            try {
                return look.in(store);
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages with this Message-ID in a folder (none when the folder does not exist yet). */
    static int count(GreenMail greenMail, String folder, String messageId) {
        return look(greenMail, store -> {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return 0;
            }
            f.open(Folder.READ_ONLY);
            try {
                return f.search(new HeaderTerm("Message-ID", messageId)).length;
            } finally {
                f.close(false);
            }
        });
    }

    /** Whether the one message with this id in the folder is flagged {@code \Seen}. */
    static boolean seen(GreenMail greenMail, String folder, String messageId) {
        return look(greenMail, store -> {
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            try {
                Message[] found = f.search(new HeaderTerm("Message-ID", messageId));
                return found.length == 1 && found[0].isSet(Flags.Flag.SEEN);
            } finally {
                f.close(false);
            }
        });
    }

    /** Every message in the inbox and the two folders Heraldo moves to. */
    static int total(GreenMail greenMail) {
        return look(greenMail, store -> {
            int total = 0;
            for (String name : new String[] { INBOX, PROCESSED, FAILED }) {
                Folder f = store.getFolder(name);
                if (f.exists()) {
                    total += f.getMessageCount();
                }
            }
            return total;
        });
    }
}
