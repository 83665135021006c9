package io.heraldo.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A mail as it goes on the wire (CRLF lines, dot-stuffed, ending in CRLF) of which only the {@code To:} and
 * {@code Message-ID:} headers change per recipient: the bytes the raw ceiling writes, taken from a mail Heraldo sent
 * (captured by the {@link SmtpSink}), so the ceiling writes the same size and shape.
 */
public final class MailTemplate {

    private final byte[] beforeFirst;
    private final byte[] between;
    private final byte[] afterSecond;
    private final boolean toFirst;
    private final String idLocal;
    private final String idDomain;
    private final int size;

    private MailTemplate(byte[] beforeFirst, byte[] between, byte[] afterSecond, boolean toFirst, String idLocal,
            String idDomain, int size) {
        this.beforeFirst = beforeFirst;
        this.between = between;
        this.afterSecond = afterSecond;
        this.toFirst = toFirst;
        this.idLocal = idLocal;
        this.idDomain = idDomain;
        this.size = size;
    }

    /**
     * From a message as the sink captured it (dot-unstuffed); its {@code To:} and {@code Message-ID:} header fields
     * (with their folded lines) are replaced per recipient, and both are added when missing.
     */
    public static MailTemplate of(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1).replaceAll("\r?\n", "\r\n");
        if (!text.endsWith("\r\n")) {
            text += "\r\n";
        }
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            text = "\r\n" + text;
            headerEnd = 0;
        } else {
            headerEnd += 2;
        }
        int[] to = field(text, headerEnd, "to");
        if (to == null) {
            text = "To: x\r\n" + text;
            headerEnd += 7;
            to = field(text, headerEnd, "to");
        }
        int[] id = field(text, headerEnd, "message-id");
        if (id == null) {
            text = text.substring(0, headerEnd) + "Message-ID: x\r\n" + text.substring(headerEnd);
            id = field(text, headerEnd + 15, "message-id");
        }
        String original = text.substring(id[0] + "Message-ID:".length(), id[1]).replaceAll("[<>\\s]", "");
        int at = original.lastIndexOf('@');
        String local = at < 0 ? original : original.substring(0, at);
        String domain = at < 0 ? "bench.test" : original.substring(at + 1);
        boolean toFirst = to[0] < id[0];
        int[] first = toFirst ? to : id;
        int[] second = toFirst ? id : to;
        int size = text.length() - (to[1] - to[0]) - (id[1] - id[0]);
        return new MailTemplate(stuffed(text.substring(0, first[0])), stuffed(text.substring(first[1], second[0])),
                stuffed(text.substring(second[1])), toFirst, local, domain, size);
    }

    /** A plain text mail of about {@code size} bytes: for tests of the writer without a captured mail. */
    public static MailTemplate plain(int size) {
        StringBuilder mail = new StringBuilder("From: bench@heraldo.test\r\nTo: x\r\nSubject: bench\r\n"
                + "Message-ID: <0123456789abcdef0123456789abcdef@heraldo.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        while (mail.length() < size) {
            mail.append("x".repeat(Math.min(76, Math.max(1, size - mail.length() - 2)))).append("\r\n");
        }
        return of(mail.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Bytes of the mail for one recipient without its dot-stuffing: what the sink counts per mail, about. */
    public int size(String recipient) {
        return size + toLine(recipient).length + idLine(0).length;
    }

    /** Writes the mail for recipient number {@code index} (dot-stuffed, without the final dot line). */
    public void write(OutputStream out, String recipient, long index) throws IOException {
        out.write(beforeFirst);
        out.write(toFirst ? toLine(recipient) : idLine(index));
        out.write(between);
        out.write(toFirst ? idLine(index) : toLine(recipient));
        out.write(afterSecond);
    }

    private static byte[] toLine(String recipient) {
        return ("To: " + recipient + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The original Message-ID with its start replaced by {@code index-}: unique per mail, and as long. */
    private byte[] idLine(long index) {
        String prefix = index + "-";
        String local = prefix + (prefix.length() < idLocal.length() ? idLocal.substring(prefix.length()) : "c");
        return ("Message-ID: <" + local + "@" + idDomain + ">\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Start and end (after its last CRLF, folded lines included) of a header field, or null. */
    private static int[] field(String text, int headerEnd, String name) {
        String lower = text.substring(0, headerEnd).toLowerCase(Locale.ROOT);
        int start = 0;
        if (!lower.startsWith(name + ":")) {
            int crlf = lower.indexOf("\r\n" + name + ":");
            if (crlf < 0) {
                return null;
            }
            start = crlf + 2;
        }
        int end = text.indexOf("\r\n", start) + 2;
        while (end < headerEnd && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end = text.indexOf("\r\n", end) + 2;
        }
        return new int[] { start, end };
    }

    /** Doubles the dot that starts a line (RFC 5321 4.5.2). */
    private static byte[] stuffed(String part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(part.length() + 16);
        byte[] bytes = part.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '.' && (i == 0 || bytes[i - 1] == '\n')) {
                out.write('.');
            }
            out.write(bytes[i]);
        }
        return out.toByteArray();
    }
}
