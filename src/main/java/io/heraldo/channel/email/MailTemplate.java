package io.heraldo.channel.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A mail encoded once for every reader of one notification in one language: its bytes as they go on the wire
 * (CRLF lines, quoted-printable bodies, no line starting with a dot), with slots where each reader's own values go
 * (address, Message-ID, tokens). Writing one reader's mail is copying bytes.
 */
final class MailTemplate {

    /** What differs from one reader to the next. */
    enum Slot {
        /** The reader's address, in {@code To}. */
        TO,
        /** {@code <notification.reader@domain>}. */
        MESSAGE_ID,
        /** The Message-ID of the first mail of the thread, for the same reader. */
        THREAD_ID,
        /** The reader's unsubscribe token (URL-safe letters, digits, '-' and '_'). */
        UNSUBSCRIBE_TOKEN,
        /** The token of the reader's own page (the same alphabet). */
        MANAGE_TOKEN,
        /** The subject of the {@code mailto:} of {@code List-Unsubscribe}. */
        MAILTO_SUBJECT,
        /** The calendar's ATTENDEE line for the reader, already quoted-printable. */
        ATTENDEE
    }

    private final byte[][] chunks;
    private final Slot[] slots;

    private MailTemplate(byte[][] chunks, Slot[] slots) {
        this.chunks = chunks;
        this.slots = slots;
    }

    /** Writes one reader's mail: the chunks with the reader's values between them. */
    void writeTo(OutputStream out, Map<Slot, byte[]> values) throws IOException {
        for (int i = 0; i < slots.length; i++) {
            out.write(chunks[i]);
            byte[] value = values.get(slots[i]);
            if (value == null) {
                throw new IllegalArgumentException("no value for " + slots[i]);
            }
            out.write(value);
        }
        out.write(chunks[slots.length]);
    }

    boolean uses(Slot slot) {
        for (Slot s : slots) {
            if (s == slot) {
                return true;
            }
        }
        return false;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects the chunks: header lines, quoted-printable bodies with slots, MIME frames. */
    static final class Builder {

        private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        /** RFC 2045: encoded lines of at most 76 characters, the soft break's '=' included. */
        private static final int LINE = 76;

        private final List<byte[]> chunks = new ArrayList<>();
        private final List<Slot> slots = new ArrayList<>();
        private ByteArrayOutputStream current = new ByteArrayOutputStream(4096);
        private int column;

        /** Text that is already as it must go on the wire (headers, MIME frames). */
        Builder raw(String ascii) {
            current.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** A slot whose value is written as it is (a header's address, a token). */
        Builder slot(Slot slot) {
            chunks.add(current.toByteArray());
            slots.add(slot);
            current = new ByteArrayOutputStream(4096);
            return this;
        }

        /**
         * Text of a quoted-printable body, with placeholders: each {@code placeholders} key found in the text becomes
         * its slot, on an encoded line of its own (soft breaks around it), so a value of any length up to a line
         * keeps every line within 76 characters.
         */
        Builder quotedPrintable(String text, Map<String, Slot> placeholders) {
            column = 0;
            int from = 0;
            while (from < text.length()) {
                int next = -1;
                String found = null;
                for (String placeholder : placeholders.keySet()) {
                    int at = text.indexOf(placeholder, from);
                    if (at >= 0 && (next < 0 || at < next)) {
                        next = at;
                        found = placeholder;
                    }
                }
                int end = next < 0 ? text.length() : next;
                encode(text.substring(from, end));
                if (found == null) {
                    break;
                }
                softBreak();
                slot(placeholders.get(found));
                // The value's length is not known here: a soft break after it starts a fresh line.
                current.writeBytes(new byte[] { '=', '\r', '\n' });
                column = 0;
                from = end + found.length();
            }
            // No line break added at the end: the CRLF before the next boundary belongs to the boundary.
            return this;
        }

        /** A slot inside a quoted-printable body whose value ends its own line (it ends with a hard line break). */
        Builder quotedPrintableLine(Slot slot) {
            softBreak();
            slot(slot);
            column = 0;
            return this;
        }

        private void softBreak() {
            if (column > 0) {
                current.writeBytes(new byte[] { '=', '\r', '\n' });
                column = 0;
            }
        }

        private void encode(String text) {
            byte[] bytes = text.replace("\r\n", "\n").replace('\r', '\n').getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                if (b == '\n') {
                    current.writeBytes(new byte[] { '\r', '\n' });
                    column = 0;
                    continue;
                }
                boolean lineEnd = i + 1 == bytes.length || bytes[i + 1] == '\n';
                boolean literal = (b >= 33 && b <= 126 && b != '=' && !(b == '.' && column == 0))
                        || ((b == ' ' || b == '\t') && !lineEnd);
                int width = literal ? 1 : 3;
                // Room for this character and, unless the line ends right after it, a soft break's '='.
                if (column + width > LINE - (lineEnd ? 0 : 1)) {
                    current.writeBytes(new byte[] { '=', '\r', '\n' });
                    column = 0;
                    literal = literal && !(b == '.');
                    width = literal ? 1 : 3;
                }
                if (literal) {
                    current.write(b);
                } else {
                    current.write('=');
                    current.write(HEX[b >> 4]);
                    current.write(HEX[b & 0xf]);
                }
                column += width;
            }
        }

        MailTemplate build() {
            chunks.add(current.toByteArray());
            return new MailTemplate(chunks.toArray(byte[][]::new), slots.toArray(Slot[]::new));
        }
    }

    /** Quoted-printable of one short text on lines of its own, ending with a hard line break: a slot's value. */
    static byte[] quotedPrintableLine(String text) {
        Builder builder = new Builder();
        builder.quotedPrintable(text.endsWith("\r\n") ? text : text + "\r\n", Map.of());
        return builder.build().chunks[0];
    }

    /** Values of slots, by slot. */
    static Map<Slot, byte[]> values() {
        return new EnumMap<>(Slot.class);
    }
}
