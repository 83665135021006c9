package io.heraldo.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The raw ceiling of the email benchmarks: the plainest SMTP client that can be written, over raw sockets. N
 * connections (8 by default), EHLO once each, then per mail {@code MAIL FROM}, {@code RCPT TO}, {@code DATA}, the bytes
 * of a {@link MailTemplate} and the final dot. When the server offers PIPELINING (RFC 2920) the three commands go out
 * in one write, and the end of a message with the next group in the next; the replies are read in order. Nothing is
 * composed or encoded per mail beyond the {@code To:} and {@code Message-ID:} lines: it writes the same bytes as
 * Heraldo as fast as the sink takes them.
 */
public final class RawSmtpWriter {

    /** What one run did. */
    public record Result(int mails, long bytes, double seconds, boolean pipelined) {
        public double mailsPerSecond() {
            return mails / seconds;
        }
    }

    private static final byte[] END = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int port;
    private final int connections;
    private final boolean pipelineWhenOffered;
    private final String from;

    /** Pipelines when the server offers it. */
    public RawSmtpWriter(String host, int port, int connections, String from) {
        this(host, port, connections, from, true);
    }

    public RawSmtpWriter(String host, int port, int connections, String from, boolean pipelineWhenOffered) {
        this.host = host;
        this.port = port;
        this.connections = connections;
        this.from = from;
        this.pipelineWhenOffered = pipelineWhenOffered;
    }

    /** Sends {@code count} mails of the template, to recipient {@code recipients.apply(i)} for i in 0..count-1. */
    public Result send(MailTemplate template, int count, IntFunction<String> recipients) throws Exception {
        return send(i -> template, count, recipients);
    }

    /**
     * Sends {@code count} mails, mail i made of template {@code templates.apply(i)} (one per language, say) for
     * recipient {@code recipients.apply(i)}.
     */
    public Result send(IntFunction<MailTemplate> templates, int count, IntFunction<String> recipients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections, r -> new Thread(r, "raw-smtp-writer"));
        try {
            long start = System.nanoTime();
            List<Future<long[]>> workers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                workers.add(pool.submit(() -> connection(templates, count, recipients, next)));
            }
            long bytes = 0;
            boolean pipelined = true;
            for (Future<long[]> worker : workers) {
                long[] done = worker.get();
                bytes += done[0];
                pipelined &= done[1] == 1;
            }
            return new Result(count, bytes, (System.nanoTime() - start) / 1e9, pipelined);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One connection's share; returns {bytes written, 1 if pipelined}. */
    private long[] connection(IntFunction<MailTemplate> templates, int count, IntFunction<String> recipients, AtomicInteger next)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSendBufferSize(256 * 1024);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            Replies replies = new Replies(socket.getInputStream());
            Counting counting = new Counting(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
            replies.expect(220);
            counting.write(ascii("EHLO raw-ceiling\r\n"));
            counting.flush();
            boolean pipelining = pipelineWhenOffered && replies.expect(250).contains("PIPELINING");
            byte[] mailFrom = ascii("MAIL FROM:<" + from + ">\r\n");
            int i = next.getAndIncrement();
            if (pipelining && i < count) {
                group(counting, mailFrom, recipients.apply(i));
                counting.flush();
                expectGroup(replies);
            }
            while (i < count) {
                String to = recipients.apply(i);
                if (!pipelining) {
                    counting.write(mailFrom);
                    counting.flush();
                    replies.expect(250);
                    counting.write(ascii("RCPT TO:<" + to + ">\r\n"));
                    counting.flush();
                    replies.expect(250);
                    counting.write(ascii("DATA\r\n"));
                    counting.flush();
                    replies.expect(354);
                }
                templates.apply(i).write(counting, to, i);
                counting.write(END);
                int following = next.getAndIncrement();
                if (pipelining && following < count) {
                    group(counting, mailFrom, recipients.apply(following));
                }
                counting.flush();
                replies.expect(250);
                if (pipelining && following < count) {
                    expectGroup(replies);
                }
                i = following;
            }
            counting.write(ascii("QUIT\r\n"));
            counting.flush();
            replies.expect(221);
            return new long[] { counting.count, pipelining ? 1 : 0 };
        }
    }

    private static void group(OutputStream out, byte[] mailFrom, String to) throws IOException {
        out.write(mailFrom);
        out.write(ascii("RCPT TO:<" + to + ">\r\nDATA\r\n"));
    }

    private static void expectGroup(Replies replies) throws IOException {
        replies.expect(250);
        replies.expect(250);
        replies.expect(354);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Counts what goes to the socket. */
    private static final class Counting extends OutputStream {
        private final OutputStream out;
        private long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    /** SMTP replies read in order from a buffer of their own. */
    private static final class Replies {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;

        Replies(InputStream in) {
            this.in = in;
        }

        /** Reads one reply (all its lines) and returns it; fails when its code is not the expected one. */
        String expect(int code) throws IOException {
            StringBuilder reply = new StringBuilder();
            String line;
            do {
                line = line();
                reply.append(line).append('\n');
            } while (line.length() > 3 && line.charAt(3) == '-');
            if (!line.startsWith(Integer.toString(code))) {
                throw new IOException("expected " + code + ", the server answered: " + reply.toString().trim());
            }
            return reply.toString();
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit < 0) {
                        throw new IOException("the server closed the connection");
                    }
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    int length = line.length();
                    return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
                }
                line.append((char) b);
            }
        }
    }
}
