package io.heraldo.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server that accepts every message and only counts it: the sink of the email benchmarks. It speaks just
 * enough SMTP for Jakarta Mail (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), one thread per connection.
 */
public final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long lastMessageNanos;
    private final boolean countRecipients;
    private final long delayNanos;
    private final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> perRecipient = new java.util.concurrent.ConcurrentHashMap<>();

    public SmtpSink() throws IOException {
        this(false);
    }

    /** @param countRecipients also count the messages of each recipient (RCPT TO) */
    public SmtpSink(boolean countRecipients) throws IOException {
        this(countRecipients, 0);
    }

    /**
     * @param countRecipients also count the messages of each recipient (RCPT TO)
     * @param delayMillis how long each message takes to be accepted: a slow relay
     */
    public SmtpSink(boolean countRecipients, long delayMillis) throws IOException {
        this.countRecipients = countRecipients;
        this.delayNanos = delayMillis * 1_000_000;
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    public long messages() {
        return messages.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long lastMessageNanos() {
        return lastMessageNanos;
    }

    /** Messages received per recipient address, when counting recipients. */
    public java.util.Map<String, Long> perRecipient() {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        perRecipient.forEach((address, count) -> counts.put(address, count.get()));
        return counts;
    }

    public void reset() {
        messages.set(0);
        bytes.set(0);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                OutputStream out = socket.getOutputStream()) {
            write(out, "220 sink ready");
            String line;
            java.util.List<String> recipients = new java.util.ArrayList<>();
            while ((line = readLine(in)) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> write(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "RCPT" -> {
                        if (countRecipients) {
                            recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase());
                        }
                        write(out, "250 OK");
                    }
                    case "MAIL", "RSET" -> {
                        recipients.clear();
                        write(out, "250 OK");
                    }
                    case "HELO", "NOOP" -> write(out, "250 OK");
                    case "DATA" -> {
                        write(out, "354 go ahead");
                        long size = readData(in);
                        if (delayNanos > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(delayNanos);
                        }
                        bytes.addAndGet(size);
                        for (String recipient : recipients) {
                            perRecipient.computeIfAbsent(recipient, r -> new AtomicLong()).incrementAndGet();
                        }
                        recipients.clear();
                        messages.incrementAndGet();
                        lastMessageNanos = System.nanoTime();
                        write(out, "250 queued");
                    }
                    case "QUIT" -> {
                        write(out, "221 bye");
                        return;
                    }
                    default -> write(out, "502 not implemented");
                }
            }
        } catch (IOException gone) {
            // the client closed the connection
        }
    }

    /** Reads the message up to the line holding a single dot; returns its size. */
    private static long readData(InputStream in) throws IOException {
        long size = 0;
        int state = 2; // 0: in a line, 1: saw CR, 2: at line start, 3: saw '.' at line start, 4: saw '.' CR
        int b;
        while ((b = in.read()) != -1) {
            size++;
            switch (state) {
                case 2 -> state = b == '.' ? 3 : b == '\r' ? 1 : 0;
                case 3 -> state = b == '\r' ? 4 : 0;
                case 4 -> {
                    if (b == '\n') {
                        return size;
                    }
                    state = 0;
                }
                case 1 -> state = b == '\n' ? 2 : b == '\r' ? 1 : 0;
                default -> state = b == '\r' ? 1 : 0;
            }
        }
        throw new IOException("connection closed in DATA");
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
