package io.heraldo.inbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * What the support mailbox needs of one message, read once from the server: the few headers the rules look at,
 * the sender, the subject, the first line of the text and, for a delivery report, its recipients. Only the parts
 * needed are fetched, and only their first bytes: an attachment is never downloaded.
 *
 * @param key the claim key: the Message-ID, or a digest of stable headers
 * @param messageId the Message-ID when it is a well-formed one, else {@code null}
 * @param references the well-formed ids of {@code References}, for the reply's own
 * @param sender the one address of {@code From}; {@code null} only for a delivery report
 * @param headers the first value of each header the rules read, by lower-case name
 * @param report the delivery report the message is, or {@code null}
 */
record InboundMail(String key, String messageId, List<String> references, String sender, String subject,
        String firstLine, Map<String, String> headers, DeliveryReport report) {

    /** The headers kept; the rest are never looked at. */
    static final List<String> HEADERS = List.of("Message-ID", "From", "Subject", "Date", "References", "Auto-Submitted",
            "Precedence", "List-Id", "X-Auto-Response-Suppress", "Return-Path", "Content-Language", "Accept-Language",
            "Content-Type");

    /** How much of the text is read to find its first line. */
    static final int TEXT_PREFIX = 8 * 1024;
    /** How much of a body is fetched with its header: enough for a text, a report's status, never an attachment. */
    static final int PREFIX = 32 * 1024;
    /** Parses the local copies of the header and body start; a multipart cut short still reads (missing end). */
    private static final Session LOCAL = Session.getInstance(new java.util.Properties());
    /** Parts looked at, at most, to find the text. */
    private static final int MAX_PARTS = 50;

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s\"]{1,240}@[^<>\\s\"]{1,240}>");

    /** A message that cannot be handled: it goes to the failed folder with this reason. */
    static final class UnreadableMail extends Exception {
        UnreadableMail(String reason) {
            super(reason, null, false, false);
        }
    }

    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Reads a message.
     *
     * @throws UnreadableMail when the message is broken or hostile beyond use
     * @throws FolderClosedException or {@link StoreClosedException} when the connection went away: not the
     *         message's fault
     */
    static InboundMail read(Message message) throws UnreadableMail, FolderClosedException, StoreClosedException {
        try {
            Map<String, String> headers = new TreeMap<>();
            for (String name : HEADERS) {
                String[] values = message.getHeader(name);
                if (values != null && values.length > 0 && values[0] != null) {
                    headers.put(name.toLowerCase(java.util.Locale.ROOT), values[0]);
                }
            }
            if (headers.isEmpty()) {
                throw new UnreadableMail("no headers");
            }
            String rawId = headers.get("message-id");
            String messageId = wellFormedId(rawId);
            String key = key(messageId, headers);
            List<String> references = new ArrayList<>();
            if (headers.get("references") != null) {
                Matcher m = MESSAGE_ID.matcher(headers.get("references"));
                while (m.find()) {
                    references.add(m.group());
                }
            }
            String subject = subject(headers.get("subject"));
            DeliveryReport report = DeliveryReport.is(headers.get("content-type")) ? DeliveryReport.of(message) : null;
            String sender = sender(headers.get("from"), report != null);
            String firstLine = report != null ? null : firstLine(message);
            return new InboundMail(key, messageId, List.copyOf(references.subList(Math.max(0, references.size() - 10),
                    references.size())), sender, subject, firstLine, Map.copyOf(headers), report);
        } catch (FolderClosedException | StoreClosedException e) {
            throw e;
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new UnreadableMail(e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
        }
    }

    /** Reads a message from its header and the first {@link #PREFIX} bytes of its body. */
    static InboundMail read(byte[] headerAndPrefix) throws UnreadableMail {
        MimeMessage message;
        try {
            message = new MimeMessage(LOCAL, new ByteArrayInputStream(headerAndPrefix));
        } catch (MessagingException | RuntimeException e) {
            throw new UnreadableMail(e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
        }
        try {
            return read((Message) message);
        } catch (FolderClosedException | StoreClosedException e) {
            throw new UnreadableMail("unexpected: " + e.getMessage());
        }
    }

    /** The Message-ID, whitespace (folding) removed, when it looks like one. */
    static String wellFormedId(String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.replaceAll("\\s+", "");
        return MESSAGE_ID.matcher(id).matches() ? id : null;
    }

    /** The Message-ID, or a digest of the headers that do not change in transit. */
    static String key(String messageId, Map<String, String> headers) {
        if (messageId != null && messageId.length() <= 255) {
            return messageId;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : List.of("message-id", "from", "date", "subject", "references")) {
                String value = headers.get(name);
                digest.update((name + ":" + (value == null ? "" : value.replaceAll("\\s+", " ").trim()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The one address of {@code From}. A header with line breaks left in it (a forged one), several addresses, or
     * none is refused, except on a delivery report, which may come from nobody.
     */
    static String sender(String from, boolean report) throws UnreadableMail {
        if (from == null || from.isBlank()) {
            if (report) {
                return null;
            }
            throw new UnreadableMail("no From");
        }
        // Folding is CRLF followed by a space; any other CR or LF is a forged header.
        String unfolded = from.replaceAll("\r?\n[ \t]", " ");
        if (unfolded.indexOf('\r') >= 0 || unfolded.indexOf('\n') >= 0 || unfolded.length() > 998) {
            throw new UnreadableMail("forged From (line breaks)");
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(unfolded, true);
            if (addresses.length != 1) {
                if (report) {
                    return null;
                }
                throw new UnreadableMail("From holds " + addresses.length + " addresses");
            }
            String address = addresses[0].getAddress();
            new InternetAddress(address, true).validate();
            if (address.indexOf('@') < 1 || address.length() > 254) {
                throw new AddressException("not a mailbox");
            }
            return address;
        } catch (AddressException e) {
            if (report) {
                return null;
            }
            throw new UnreadableMail("From is not an address: " + oneLine(e.getMessage()));
        }
    }

    /** The decoded subject on one line; encoded words in unknown charsets stay as they are. */
    static String subject(String raw) {
        if (raw == null) {
            return null;
        }
        String unfolded = raw.replaceAll("\r?\n[ \t]*", " ");
        try {
            return oneLine(MimeUtility.decodeText(unfolded));
        } catch (IOException | RuntimeException e) {
            return oneLine(unfolded);
        }
    }

    /** The first non-blank line of the first text/plain part that is not an attachment, or {@code null}. */
    private static String firstLine(Message message) throws MessagingException, IOException {
        Part text = textPart(message, new int[] { 0 });
        if (text == null) {
            return null;
        }
        byte[] prefix;
        try (InputStream in = text.getInputStream()) {
            prefix = in.readNBytes(TEXT_PREFIX);
        }
        String body = new String(prefix, charset(text.getContentType()));
        for (String line : body.split("\r?\n|\r")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return null;
    }

    private static Part textPart(Part part, int[] seen) throws MessagingException, IOException {
        if (++seen[0] > MAX_PARTS) {
            return null;
        }
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType("text/plain")) {
            return part;
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    Part found = textPart(multipart.getBodyPart(i), seen);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /** The part's charset when Java knows it; UTF-8 otherwise (a command word reads the same). */
    static Charset charset(String contentType) {
        try {
            String name = new ContentType(contentType).getParameter("charset");
            if (name != null) {
                String java = MimeUtility.javaCharset(name.trim());
                if (Charset.isSupported(java)) {
                    return Charset.forName(java);
                }
            }
        } catch (MessagingException | RuntimeException e) {
            // an unreadable content type or charset name: fall through
        }
        return StandardCharsets.UTF_8;
    }

    /** For the log: one line, short. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
