package io.heraldo.platform.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A mail as the relay takes it: the envelope (who it is from for bounces, who it goes to) and its bytes.
 *
 * @param envelopeFrom the SMTP {@code MAIL FROM} address: where bounces go
 * @param recipients the SMTP {@code RCPT TO} addresses
 */
public record OutgoingMail(String envelopeFrom, List<String> recipients, Body body) {

    /**
     * The message as it goes after {@code DATA}: CRLF lines, ending with CRLF, every line that starts with a dot
     * already doubled (RFC 5321 4.5.2).
     */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A message written by any MIME library (CRLF lines) made ready for {@code DATA}: dots at line starts doubled,
     * a final CRLF added when missing.
     */
    public static Body dotStuffed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        int n = message.length;
        if (n < 2 || message[n - 2] != '\r' || message[n - 1] != '\n') {
            out.write('\r');
            out.write('\n');
        }
        byte[] bytes = out.toByteArray();
        return stream -> stream.write(bytes);
    }

    public OutgoingMail {
        recipients = List.copyOf(recipients);
        for (String address : recipients) {
            requireEnvelopeAddress(address);
        }
        if (!envelopeFrom.isEmpty()) {
            requireEnvelopeAddress(envelopeFrom);
        }
    }

    /** An address that can go in an SMTP command as it is: printable ASCII, no spaces, no brackets. */
    private static void requireEnvelopeAddress(String address) {
        if (address.isEmpty() || address.length() > 254) {
            throw new IllegalArgumentException("not an address for the SMTP envelope: '" + address + "'");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c >= 127 || c == '<' || c == '>') {
                throw new IllegalArgumentException("not an address for the SMTP envelope: '" + address + "'");
            }
        }
    }
}
