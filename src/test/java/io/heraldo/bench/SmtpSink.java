package io.heraldo.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * An SMTP server that accepts every message and only counts it: the one sink every contender of the email benchmarks
 * writes to (Heraldo, the raw ceiling {@link RawSmtpWriter}, the DIY peer), and the relay of the fan-out ITs.
 * <p>
 * ESMTP as relays speak it: EHLO advertises {@code PIPELINING}, {@code 8BITMIME} and {@code SIZE}; MAIL, RCPT, DATA,
 * RSET, NOOP, HELO, QUIT; commands may arrive several per packet (RFC 2920) and their replies are written in order,
 * in one write when the client waits; DATA is dot-unstuffed and counted. A thread per connection reading 256 kB at a
 * time, so a handful of connections never makes the sink the bottleneck ({@code SmtpSinkBenchTest} measures its
 * intake).
 * <p>
 * Options, all changeable while it runs: counts per recipient ({@link #recordRecipients}), the bytes of the last
 * message to a chosen recipient ({@link #capture}), a time taken per message, as a slow relay does ({@link #delay}),
 * and 4xx refusals of the next messages, as a throttling relay does ({@link #refuse}).
 */
public final class SmtpSink implements AutoCloseable {

    static final long MAX_SIZE = 52_428_800;

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong refusalsLeft = new AtomicLong();
    private final AtomicLong firstMessageNanos = new AtomicLong();
    private final AtomicLong connectionsOpened = new AtomicLong();
    private volatile long lastMessageNanos;
    private volatile boolean recordRecipients;
    private volatile boolean pipelining = true;
    private volatile long delayNanos;
    private volatile String refusal = "451 4.7.1 Try again later";
    private volatile Set<String> captureFor = Set.of();
    private final Map<String, byte[]> captured = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> history = new ConcurrentHashMap<>();
    private volatile byte[] lastCaptured;
    private final Map<String, AtomicLong> perRecipient = new ConcurrentHashMap<>();

    public SmtpSink() throws IOException {
        server = new ServerSocket();
        server.setReceiveBufferSize(256 * 1024);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        connections.execute(this::accept);
    }

    /** @param recordRecipients also count the messages of each recipient (RCPT TO) */
    public SmtpSink(boolean recordRecipients) throws IOException {
        this();
        recordRecipients(recordRecipients);
    }

    /**
     * @param recordRecipients also count the messages of each recipient (RCPT TO)
     * @param delayMillis how long each message takes to be accepted: a slow relay
     */
    public SmtpSink(boolean recordRecipients, long delayMillis) throws IOException {
        this(recordRecipients);
        delay(Duration.ofMillis(delayMillis));
    }

    /** What a packaged Heraldo needs to mail this sink from {@code from}: email on, plain SMTP to this port. */
    public Map<String, String> heraldoSettings(String from) {
        return Map.of("heraldo.email.enabled", "true",
                "heraldo.email.from", from,
                "heraldo.email.smtp-host", "127.0.0.1",
                "heraldo.email.smtp-port", Integer.toString(port()),
                "heraldo.email.start-tls", "DISABLED");
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Counts the messages of each recipient from now on ({@link #perRecipient}). */
    public SmtpSink recordRecipients(boolean record) {
        this.recordRecipients = record;
        return this;
    }

    /** How long each message takes to be accepted (after its last byte, before its reply): a slow relay. */
    public SmtpSink delay(Duration delay) {
        this.delayNanos = delay.toNanos();
        return this;
    }

    /** Whether EHLO offers PIPELINING to the connections opened from now on (it does by default). */
    public SmtpSink pipelining(boolean offered) {
        this.pipelining = offered;
        return this;
    }

    /**
     * Keeps the bytes (dot-unstuffed, as the client wrote them) of the last message accepted for each of these
     * recipients, forgetting earlier captures.
     */
    public SmtpSink capture(String... recipients) {
        captured.clear();
        history.clear();
        lastCaptured = null;
        this.captureFor = Arrays.stream(recipients).map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return this;
    }

    /**
     * Refuses the next {@code count} messages at the end of their DATA with this reply (a 4xx: the client should try
     * again later; a {@code 421} also closes the connection). Refused messages are counted in {@link #refused()} only.
     */
    public SmtpSink refuse(long count, String reply) {
        this.refusal = reply;
        refusalsLeft.set(count);
        return this;
    }

    /** Refuses the next {@code count} messages with {@code 451 4.7.1 Try again later}. */
    public SmtpSink refuse(long count) {
        return refuse(count, "451 4.7.1 Try again later");
    }

    /** Messages accepted since the last {@link #reset}. */
    public long messages() {
        return messages.get();
    }

    /** Bytes of the accepted messages (dot-unstuffed, without the final dot line). */
    public long bytes() {
        return bytes.get();
    }

    public long refused() {
        return refused.get();
    }

    /** Connections opened since the sink started. */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    /** {@link System#nanoTime()} when the first message after the last {@link #reset} was accepted, 0 before. */
    public long firstMessageNanos() {
        return firstMessageNanos.get();
    }

    public long lastMessageNanos() {
        return lastMessageNanos;
    }

    /** The last message captured for any of the {@link #capture} recipients, or null. */
    public byte[] captured() {
        return lastCaptured;
    }

    /** The last message captured for this {@link #capture} recipient, or null. */
    public byte[] captured(String recipient) {
        return captured.get(recipient.toLowerCase(Locale.ROOT));
    }

    /** Every message captured for this {@link #capture} recipient, in the order they were accepted. */
    public List<byte[]> capturedAll(String recipient) {
        List<byte[]> all = history.get(recipient.toLowerCase(Locale.ROOT));
        return all == null ? List.of() : List.copyOf(all);
    }

    /** Messages received per recipient address, when counting recipients. */
    public Map<String, Long> perRecipient() {
        Map<String, Long> counts = new HashMap<>();
        perRecipient.forEach((address, count) -> counts.put(address, count.get()));
        return counts;
    }

    /** Zeroes the counts (not the per-recipient ones, nor the capture). */
    public void reset() {
        messages.set(0);
        bytes.set(0);
        refused.set(0);
        firstMessageNanos.set(0);
        lastMessageNanos = 0;
    }

    boolean offersPipelining() {
        return pipelining;
    }

    long delayNanos() {
        return delayNanos;
    }

    boolean capturing(String recipient) {
        return captureFor.contains(recipient);
    }

    /** The refusal reply for the message that just ended, or null when it is accepted. */
    String refusal() {
        if (refusalsLeft.get() <= 0) {
            return null;
        }
        return refusalsLeft.getAndDecrement() > 0 ? refusal : null;
    }

    void refusedOne() {
        refused.incrementAndGet();
    }

    void accepted(long size, List<String> recipients, byte[] capture) {
        long now = System.nanoTime();
        bytes.addAndGet(size);
        if (recordRecipients) {
            for (String recipient : recipients) {
                perRecipient.computeIfAbsent(recipient, r -> new AtomicLong()).incrementAndGet();
            }
        }
        if (capture != null) {
            recipients.stream().filter(this::capturing).forEach(recipient -> {
                captured.put(recipient, capture);
                history.computeIfAbsent(recipient, r -> new CopyOnWriteArrayList<>()).add(capture);
            });
            lastCaptured = capture;
        }
        firstMessageNanos.compareAndSet(0, now);
        lastMessageNanos = now;
        messages.incrementAndGet();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connectionsOpened.incrementAndGet();
                connections.execute(() -> new SmtpSinkSession(this, socket).run());
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
