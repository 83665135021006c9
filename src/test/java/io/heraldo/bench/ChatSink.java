package io.heraldo.bench;

import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;

/**
 * The receiver of the chat benchmark: a Vert.x HTTP/1.1 server on 127.0.0.1 (keep-alive), one event loop, standing
 * in for the webhook-style chat services at once. The first path segment names the service, and it answers as that
 * service does, as soon as the body has arrived: {@code /slack/…} and {@code /mattermost/…} {@code 200 ok},
 * {@code /discord/…} {@code 200} with the message's {@code id} ({@code ?wait=true}), {@code /googlechat/…}
 * {@code 200} with the message's {@code name}, {@code /teams/…} {@code 202} (a Workflows trigger). It keeps each
 * request's URI, body and arrival time, and counts distinct messages: one per destination (its path) and incident
 * (read from the incident link every message carries).
 */
public final class ChatSink implements AutoCloseable {

    /** One request as it arrived; {@code incident} is null when the body links no incident. */
    public record Received(String uri, String path, String incident, String body, long arrivedAt) {

        /** One destination's message about one incident. */
        public String key() {
            return path + " " + incident;
        }

        /** The service it stands for: the first path segment. */
        public String service() {
            int end = path.indexOf('/', 1);
            return end < 0 ? path.substring(1) : path.substring(1, end);
        }
    }

    private static final String LINK = "/incidents/";

    private final Vertx vertx;
    private final HttpServer server;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private volatile long lastNewNanos;

    public ChatSink() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true).setIdleTimeout(0).setAcceptBacklog(1024));
        server.requestHandler(request -> request.body().onSuccess(body -> {
            long now = System.nanoTime();
            String text = body.toString();
            Received r = new Received(request.uri(), request.path(), incidentOf(text), text, now);
            received.add(r);
            if (keys.add(r.key())) {
                lastNewNanos = now;
            }
            long n = count.incrementAndGet();
            answer(r.service(), n, request.response());
        }));
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void answer(String service, long n, HttpServerResponse response) {
        switch (service) {
            case "slack", "mattermost" -> response.putHeader("content-type", "text/plain").end("ok");
            case "discord" -> response.putHeader("content-type", "application/json")
                    .end("{\"id\":\"" + (1_000_000_000_000L + n) + "\",\"type\":0,\"channel_id\":\"1\"}");
            case "googlechat" -> response.putHeader("content-type", "application/json")
                    .end("{\"name\":\"spaces/AAAA/messages/m" + n + "\"}");
            case "teams" -> response.setStatusCode(202).end();
            default -> response.setStatusCode(404).end();
        }
    }

    /** The id in the first incident link of a body: {@code …/incidents/<id>}. */
    static String incidentOf(String body) {
        int at = body.indexOf(LINK);
        if (at < 0) {
            return null;
        }
        int start = at + LINK.length();
        int end = start;
        while (end < body.length() && isIdChar(body.charAt(end))) {
            end++;
        }
        return end == start ? null : body.substring(start, end);
    }

    private static boolean isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == ':' || c == '-';
    }

    public int port() {
        return server.actualPort();
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    public long count() {
        return count.get();
    }

    /** Distinct messages: one per destination and incident. */
    public long distinct() {
        return keys.size();
    }

    /** When the last message not seen before arrived. */
    public long lastNewNanos() {
        return lastNewNanos;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Forgets every request. */
    public void reset() {
        received.clear();
        keys.clear();
        count.set(0);
        lastNewNanos = 0;
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
