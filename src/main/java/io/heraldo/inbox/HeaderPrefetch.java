package io.heraldo.inbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;
import org.jboss.logging.Logger;

/**
 * Reads what the support desk needs of a batch of messages in one exchange: the header and the first
 * {@link InboundMail#PREFIX} bytes of the body of each (one exchange per message would cost a round trip each).
 */
final class HeaderPrefetch {

    private static final Logger LOG = Logger.getLogger(HeaderPrefetch.class);

    /** Messages larger than this are not fetched with the batch. */
    static final int LARGE = 1024 * 1024;

    private HeaderPrefetch() {
    }

    /**
     * The header and body start of every message of a batch, by message number; with flags. When the server refuses
     * the batch, the messages are read one by one instead; those missing from the map are to be read through the
     * folder.
     */
    static Map<Integer, byte[]> of(IMAPFolder inbox, Message[] batch) {
        Map<Integer, byte[]> prefixes = new HashMap<>();
        int[] numbers;
        try {
            FetchProfile flags = new FetchProfile();
            flags.add(FetchProfile.Item.FLAGS);
            flags.add(FetchProfile.Item.SIZE);
            inbox.fetch(batch, flags);
            // A large message is read through its structure instead: some servers build the whole body to cut a
            // piece of it, and only the text part's first bytes are wanted.
            numbers = Arrays.stream(batch).filter(m -> !m.isExpunged() && size(m) <= LARGE)
                    .mapToInt(Message::getMessageNumber).toArray();
        } catch (MessagingException | RuntimeException e) {
            return prefixes;
        }
        if (numbers.length == 0) {
            return prefixes;
        }
        try {
            fetch(inbox, numbers, prefixes);
        } catch (MessagingException | RuntimeException batchFailed) {
            LOG.debugf("Support mailbox: batch fetch failed, messages are fetched one by one: %s",
                    batchFailed.getMessage());
            for (int number : numbers) {
                try {
                    fetch(inbox, new int[] { number }, prefixes);
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
                StandardCharsets.ISO_8859_1);
        byte[] separator = end.endsWith("\r\n\r\n") || end.endsWith("\n\n") ? new byte[0]
                : end.endsWith("\n") ? new byte[] { '\r', '\n' } : new byte[] { '\r', '\n', '\r', '\n' };
        byte[] body = text == null ? new byte[0] : text;
        byte[] both = Arrays.copyOf(header, header.length + separator.length + body.length);
        System.arraycopy(separator, 0, both, header.length, separator.length);
        System.arraycopy(body, 0, both, header.length + separator.length, body.length);
        return both;
    }

    private static int size(Message message) {
        try {
            return message.getSize();
        } catch (MessagingException | RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static void fetch(IMAPFolder inbox, int[] numbers, Map<Integer, byte[]> prefixes)
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
}
