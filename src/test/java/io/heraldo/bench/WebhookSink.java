package io.heraldo.bench;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.standardwebhooks.Webhook;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The receiver of the webhook benchmarks: a Vert.x HTTP/1.1 server on 127.0.0.1 (keep-alive) that answers
 * {@code 204} as soon as a request's body has arrived, counts requests (and distinct {@code webhook-id}s) and keeps
 * each one's headers, body and arrival time. Signatures are checked afterwards ({@link #verify}), so checking costs the senders nothing.
 */
public final class WebhookSink implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(String path, String webhookId, String timestamp, String signature, String body,
            long arrivedAt) {
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private volatile long firstNanos;
    private volatile long lastNanos;
    private volatile long lastNewNanos;

    public WebhookSink() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true).setIdleTimeout(0).setAcceptBacklog(1024));
        server.requestHandler(request -> request.body().onSuccess(body -> {
            long now = System.nanoTime();
            String id = request.getHeader("webhook-id");
            received.add(new Received(request.path(), id, request.getHeader("webhook-timestamp"),
                    request.getHeader("webhook-signature"), body.toString(), now));
            if (id == null || ids.add(id)) {
                lastNewNanos = now;
            }
            if (count.getAndIncrement() == 0) {
                firstNanos = now;
            }
            lastNanos = now;
            request.response().setStatusCode(204).end();
        }));
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public long count() {
        return count.get();
    }

    /** Distinct {@code webhook-id}s received: {@link #count} less the repeated deliveries. */
    public long distinct() {
        return ids.size();
    }

    /** When the last request with a {@code webhook-id} not seen before arrived. */
    public long lastNewNanos() {
        return lastNewNanos;
    }

    public long firstNanos() {
        return firstNanos;
    }

    public long lastNanos() {
        return lastNanos;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Forgets every request. */
    public void reset() {
        received.clear();
        ids.clear();
        count.set(0);
        firstNanos = 0;
        lastNanos = 0;
        lastNewNanos = 0;
    }

    /** The requests whose signature does not verify with their path's secret (the reference library's verdict). */
    public static List<Received> unverified(List<Received> requests, Map<String, String> secretByPath) {
        return requests.stream().filter(r -> !verify(r, secretByPath.get(r.path()))).toList();
    }

    private static boolean verify(Received request, String secret) {
        if (secret == null) {
            return false;
        }
        try {
            new Webhook(secret).verify(request.body(), Map.of("webhook-id", List.of(request.webhookId()),
                    "webhook-timestamp", List.of(request.timestamp()), "webhook-signature", List.of(request.signature())));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
