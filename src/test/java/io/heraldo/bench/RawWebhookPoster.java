package io.heraldo.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The raw ceiling of the webhook benchmarks: a plain HTTP/1.1 client over raw sockets posting requests prepared
 * beforehand (the same signed bodies and Standard Webhooks headers Heraldo sent) over {@code concurrency} keep-alive
 * connections, one request in flight on each, from a single thread and selector. It does no signing, no lookups
 * and no retries: only the wire and the receiver.
 */
public final class RawWebhookPoster {

    /** A request to post: its path on the receiver, its headers and its body. */
    public record Post(String path, Map<String, String> headers, String body) {
    }

    /** What one run did. */
    public record Result(int posts, int failures, double seconds) {
        public double postsPerSecond() {
            return posts / seconds;
        }
    }

    private final InetSocketAddress target;
    private final int concurrency;

    public RawWebhookPoster(String host, int port, int concurrency) {
        this.target = new InetSocketAddress(host, port);
        this.concurrency = concurrency;
    }

    /** Encodes the posts as HTTP/1.1 requests; done before {@link #post} so the run measures only sending them. */
    public static byte[][] encode(List<Post> posts, String host) {
        byte[][] requests = new byte[posts.size()][];
        for (int i = 0; i < requests.length; i++) {
            Post post = posts.get(i);
            byte[] body = post.body().getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(512).append("POST ").append(post.path()).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length)
                    .append("\r\n");
            post.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            byte[] header = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[header.length + body.length];
            System.arraycopy(header, 0, request, 0, header.length);
            System.arraycopy(body, 0, request, header.length, body.length);
            requests[i] = request;
        }
        return requests;
    }

    /** Posts every request once; a response other than 2xx counts as a failure. */
    public Result post(byte[][] requests) throws IOException {
        int next = 0;
        int done = 0;
        int failures = 0;
        long start = System.nanoTime();
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < Math.min(concurrency, requests.length); c++) {
                SocketChannel channel = SocketChannel.open();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.connect(target);
                channel.configureBlocking(false);
                Connection connection = new Connection(channel);
                connection.send(requests[next++]);
                channel.register(selector, SelectionKey.OP_WRITE, connection);
            }
            while (done < requests.length) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (key.isWritable() && connection.write()) {
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        int status = connection.read();
                        if (status == 0) {
                            continue;
                        }
                        done++;
                        failures += status / 100 == 2 ? 0 : 1;
                        if (next < requests.length) {
                            connection.send(requests[next++]);
                            key.interestOps(connection.write() ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
                        } else {
                            key.cancel();
                            connection.channel.close();
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
        return new Result(requests.length, failures, (System.nanoTime() - start) / 1e9);
    }

    /** One keep-alive connection with at most one request in flight. */
    private static final class Connection {
        private final SocketChannel channel;
        private ByteBuffer out;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void send(byte[] request) {
            out = ByteBuffer.wrap(request);
        }

        /** Writes what it can; true when the whole request is out. */
        boolean write() throws IOException {
            channel.write(out);
            return !out.hasRemaining();
        }

        /** Reads; returns the status of the response once it is complete (body included), else 0. */
        int read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("the receiver closed a keep-alive connection");
            }
            byte[] bytes = in.array();
            int length = in.position();
            int headerEnd = -1;
            for (int i = 3; i < length; i++) {
                if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                    headerEnd = i + 1;
                    break;
                }
            }
            if (headerEnd < 0) {
                return 0;
            }
            String head = new String(bytes, 0, headerEnd, StandardCharsets.US_ASCII);
            int status = Integer.parseInt(head.substring(9, 12));
            String lower = head.toLowerCase(Locale.ROOT);
            if (lower.contains("\ntransfer-encoding: chunked")) {
                throw new IOException("chunked responses are not read by this client");
            }
            int at = lower.indexOf("\ncontent-length:");
            int bodyLength = at < 0 ? 0 : Integer.parseInt(lower.substring(at + 16, lower.indexOf('\r', at)).trim());
            if (length < headerEnd + bodyLength) {
                return 0;
            }
            // one request in flight: nothing follows this response
            in.clear();
            return status;
        }
    }
}
