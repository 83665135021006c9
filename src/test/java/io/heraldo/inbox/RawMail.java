package io.heraldo.inbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Mail as bytes, the way a mail server gets it: built line by line, and handed over with a plain SMTP exchange, so
 * a broken message reaches the support mailbox exactly as broken as it was written.
 */
final class RawMail {

    private RawMail() {
    }

    static String messageId() {
        return "<" + UUID.randomUUID() + "@sender.example.test>";
    }

    /** A person's question. */
    static String question(String from, String messageId, String subject, String body, String... extraHeaders) {
        StringBuilder mail = new StringBuilder();
        mail.append("From: ").append(from).append("\r\n");
        mail.append("To: ayuda@zboxapp.test\r\n");
        mail.append("Subject: ").append(subject).append("\r\n");
        mail.append("Message-ID: ").append(messageId).append("\r\n");
        mail.append("Date: Tue, 24 Nov 2026 12:00:00 -0300\r\n");
        for (String header : extraHeaders) {
            mail.append(header).append("\r\n");
        }
        mail.append("MIME-Version: 1.0\r\n");
        mail.append("Content-Type: text/plain; charset=UTF-8\r\n");
        mail.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        mail.append(body).append("\r\n");
        return mail.toString();
    }

    /**
     * An RFC 3464 report about a mail to {@code recipient} that claims, as every forger would, to be about mail from
     * Heraldo's own address.
     *
     * @param returnedMessageId the Message-ID in the returned headers; {@code null}: one Heraldo never sent
     * @param deliveredTo the address the report came to, as a mail server writes it ({@code Delivered-To}, and
     *        {@code To}, the return path the report answers); {@code null}: the support mailbox itself
     */
    static String deliveryReport(String messageId, String recipient, String action, String status,
            String returnedMessageId, String deliveredTo) {
        String delivered = deliveredTo == null ? "" : "Delivered-To: " + deliveredTo + "\r\n";
        return """
                %6$sFrom: Mail Delivery System <MAILER-DAEMON@mx.example.test>\r
                To: %7$s\r
                Subject: Undelivered Mail Returned to Sender\r
                Message-ID: %1$s\r
                Date: Tue, 24 Nov 2026 12:00:00 -0300\r
                Auto-Submitted: auto-replied\r
                MIME-Version: 1.0\r
                Content-Type: multipart/report; report-type=delivery-status;\r
                \tboundary="=_report"\r
                \r
                --=_report\r
                Content-Type: text/plain; charset=us-ascii\r
                \r
                This is the mail system at host mx.example.test. Your message could not be delivered.\r
                \r
                --=_report\r
                Content-Type: message/delivery-status\r
                \r
                Reporting-MTA: dns; mx.example.test\r
                Arrival-Date: Tue, 24 Nov 2026 12:00:00 -0300\r
                \r
                Final-Recipient: rfc822; %2$s\r
                Original-Recipient: rfc822;%2$s\r
                Action: %3$s\r
                Status: %4$s\r
                Diagnostic-Code: smtp; 550 %4$s mailbox unavailable\r
                \r
                --=_report\r
                Content-Type: text/rfc822-headers\r
                \r
                From: ZBox Mail <ayuda@zboxapp.test>\r
                To: %2$s\r
                Subject: [ZBox Mail] Incidente\r
                Message-ID: %5$s\r
                \r
                --=_report--\r
                """.formatted(messageId, recipient, action, status,
                returnedMessageId == null ? "<returned." + UUID.randomUUID() + "@zboxapp.test>" : returnedMessageId,
                delivered, deliveredTo == null ? "ayuda@zboxapp.test" : deliveredTo);
    }

    /** Hands raw bytes to an SMTP server: {@code MAIL FROM:<envelopeFrom>} (empty for a bounce), one recipient. */
    static void send(int port, String envelopeFrom, String recipient, byte[] message) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "HELO sender.example.test", "250");
            command(out, in, "MAIL FROM:<" + envelopeFrom + ">", "250");
            command(out, in, "RCPT TO:<" + recipient + ">", "250");
            command(out, in, "DATA", "354");
            out.write(dotStuffed(message));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(in, "250");
            command(out, in, "QUIT", "221");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void send(int port, String envelopeFrom, String message) {
        send(port, envelopeFrom, "ayuda@zboxapp.test", message.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] dotStuffed(byte[] message) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.length + 1024);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new IOException("SMTP: expected " + code + ", got " + line);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }
}
