package io.heraldo.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection of the {@link SmtpSink}. Reads into its own buffer and answers into another that is written only
 * before the session would block on reading: a pipelined group (RFC 2920) gets its replies in order and in one write,
 * and a client waiting for each reply still gets it at once.
 */
final class SmtpSinkSession {

    private static final int MAX_LINE = 4096;

    private final SmtpSink sink;
    private final Socket socket;
    private final byte[] in = new byte[256 * 1024];
    private int position;
    private int limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private InputStream input;
    private OutputStream output;

    private boolean mailGiven;
    private final List<String> recipients = new ArrayList<>();
    private boolean closing;

    SmtpSinkSession(SmtpSink sink, Socket socket) {
        this.sink = sink;
        this.socket = socket;
    }

    void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSendBufferSize(64 * 1024);
            input = socket.getInputStream();
            output = socket.getOutputStream();
            reply("220 sink ESMTP ready");
            String line;
            while (!closing && (line = readLine()) != null) {
                command(line);
            }
            flush();
        } catch (IOException gone) {
            // the client closed the connection
        }
    }

    private void command(String line) throws IOException {
        String verb = (line.length() > 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
        switch (verb) {
            case "EHLO" -> reply(sink.offersPipelining()
                    ? "250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE " + SmtpSink.MAX_SIZE
                    : "250-sink\r\n250-8BITMIME\r\n250 SIZE " + SmtpSink.MAX_SIZE);
            case "HELO", "NOOP" -> reply("250 2.0.0 OK");
            case "RSET" -> {
                clear();
                reply("250 2.0.0 OK");
            }
            case "MAIL" -> mail(line);
            case "RCPT" -> rcpt(line);
            case "DATA" -> data();
            case "QUIT" -> {
                reply("221 2.0.0 bye");
                closing = true;
            }
            default -> reply("500 5.5.1 command not recognized");
        }
    }

    private void mail(String line) throws IOException {
        if (!line.toUpperCase(Locale.ROOT).startsWith("MAIL FROM:")) {
            reply("501 5.5.4 syntax: MAIL FROM:<address>");
        } else if (mailGiven) {
            reply("503 5.5.1 nested MAIL command");
        } else if (size(line) > SmtpSink.MAX_SIZE) {
            reply("552 5.3.4 message size exceeds fixed limit");
        } else {
            mailGiven = true;
            reply("250 2.1.0 OK");
        }
    }

    private void rcpt(String line) throws IOException {
        int open = line.indexOf('<');
        int close = line.lastIndexOf('>');
        if (!line.toUpperCase(Locale.ROOT).startsWith("RCPT TO:") || open < 0 || close < open) {
            reply("501 5.5.4 syntax: RCPT TO:<address>");
        } else if (!mailGiven) {
            reply("503 5.5.1 need MAIL before RCPT");
        } else {
            recipients.add(line.substring(open + 1, close).toLowerCase(Locale.ROOT));
            reply("250 2.1.5 OK");
        }
    }

    private void data() throws IOException {
        if (!mailGiven || recipients.isEmpty()) {
            reply(mailGiven ? "554 5.5.1 no valid recipients" : "503 5.5.1 need MAIL before DATA");
            return;
        }
        reply("354 end data with <CR><LF>.<CR><LF>");
        boolean capture = recipients.stream().anyMatch(sink::capturing);
        ByteArrayOutputStream captured = capture ? new ByteArrayOutputStream(8192) : null;
        long size = readData(captured);
        long delay = sink.delayNanos();
        if (delay > 0) {
            flush();
            LockSupport.parkNanos(delay);
        }
        String refusal = sink.refusal();
        if (refusal != null) {
            sink.refusedOne();
            reply(refusal);
            closing = refusal.startsWith("421");
        } else {
            sink.accepted(size, List.copyOf(recipients), captured == null ? null : captured.toByteArray());
            reply("250 2.0.0 queued");
        }
        clear();
    }

    private void clear() {
        mailGiven = false;
        recipients.clear();
    }

    /** Long of the SIZE parameter of MAIL FROM, 0 when not given. */
    private static long size(String line) {
        int at = line.toUpperCase(Locale.ROOT).indexOf(" SIZE=");
        if (at < 0) {
            return 0;
        }
        int end = at + 6;
        while (end < line.length() && Character.isDigit(line.charAt(end))) {
            end++;
        }
        try {
            return Long.parseLong(line.substring(at + 6, end));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // States of readData: where the last byte left us within the message.
    private static final int LINE_START = 0;
    private static final int IN_LINE = 1;
    private static final int AFTER_CR = 2;
    private static final int DOT = 3;
    private static final int DOT_CR = 4;

    /**
     * Reads the message up to the line holding a single dot, removing the dot a client doubled at the start of a
     * line (RFC 5321 4.5.2); returns the size of what remains, copied into {@code capture} when given.
     */
    private long readData(ByteArrayOutputStream capture) throws IOException {
        long size = 0;
        int state = LINE_START;
        while (true) {
            if (position == limit && !fill()) {
                throw new IOException("connection closed in DATA");
            }
            if (state == IN_LINE) {
                // the hot path: run to the next CR
                int start = position;
                while (position < limit && in[position] != '\r') {
                    position++;
                }
                size += position - start;
                if (capture != null) {
                    capture.write(in, start, position - start);
                }
                if (position == limit) {
                    continue;
                }
            }
            byte b = in[position++];
            switch (state) {
                case DOT -> {
                    if (b == '\r') {
                        state = DOT_CR;
                        continue;
                    }
                    // a doubled dot: the first one goes
                }
                case DOT_CR -> {
                    if (b == '\n') {
                        return size;
                    }
                    // ".\r" then something else: keep the CR, drop the dot
                    size++;
                    if (capture != null) {
                        capture.write('\r');
                    }
                }
                case LINE_START -> {
                    if (b == '.') {
                        state = DOT;
                        continue;
                    }
                }
                default -> {
                }
            }
            size++;
            if (capture != null) {
                capture.write(b);
            }
            state = b == '\r' ? AFTER_CR : b == '\n' && state == AFTER_CR ? LINE_START : IN_LINE;
        }
    }

    private String readLine() throws IOException {
        int start = position;
        while (true) {
            for (int i = start; i < limit; i++) {
                if (in[i] == '\n') {
                    int end = i > position && in[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(in, position, end - position, StandardCharsets.US_ASCII);
                    position = i + 1;
                    return line;
                }
            }
            if (limit - position > MAX_LINE) {
                throw new IOException("command line too long");
            }
            start = limit - position;
            if (!fill()) {
                return null;
            }
            start = position + start;
        }
    }

    /** Writes the pending replies (the client may be waiting for them), then reads more; false at the end. */
    private boolean fill() throws IOException {
        flush();
        if (position > 0) {
            System.arraycopy(in, position, in, 0, limit - position);
            limit -= position;
            position = 0;
        }
        int read = input.read(in, limit, in.length - limit);
        if (read < 0) {
            return false;
        }
        limit += read;
        return true;
    }

    private void reply(String reply) {
        byte[] bytes = reply.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
        out.write('\r');
        out.write('\n');
    }

    private void flush() throws IOException {
        if (out.size() > 0) {
            out.writeTo(output);
            out.reset();
            output.flush();
        }
    }
}
