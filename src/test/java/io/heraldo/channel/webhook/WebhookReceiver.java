package io.heraldo.channel.webhook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request, verifies every signature with the reference
 * Standard Webhooks library (a request that does not verify is recorded as such), and answers each path from a
 * script (then 200 when the script is used up).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String path, String webhookId, String timestamp, String signature, String host, String body,
            JsonNode json, boolean verified, String verifyError, long arrivedAt) {
        public String type() {
            return json.path("type").asText();
        }
    }

    /** A scripted answer. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookReceiver() {
        this(4);
    }

    public WebhookReceiver(int threads) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", exchange -> {
            long arrivedAt = System.nanoTime();
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            var headers = exchange.getRequestHeaders();
            boolean verified = false;
            String error = "no secret registered for " + path;
            String secret = secrets.get(path);
            if (secret != null) {
                try {
                    new Webhook(secret).verify(body, Map.of(
                            "webhook-id", headers.getOrDefault("webhook-id", List.of()),
                            "webhook-timestamp", headers.getOrDefault("webhook-timestamp", List.of()),
                            "webhook-signature", headers.getOrDefault("webhook-signature", List.of())));
                    verified = true;
                    error = null;
                } catch (Exception e) {
                    error = e.toString();
                }
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = JSON.createObjectNode();
            }
            received.add(new Received(path, headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("Host"), body, json, verified, error, arrivedAt));
            Deque<Answer> script = scripts.get(path);
            Answer answer;
            synchronized (this) {
                answer = script == null || script.isEmpty() ? Answer.of(200) : script.poll();
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The secret the endpoint at this path signs with: what its requests are verified with. */
    public void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    public void script(String path, Answer... answers) {
        scripts.put(path, new ArrayDeque<>(List.of(answers)));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** What reached this path about one subject (incident, maintenance or component id). */
    public List<Received> about(String path, String subject) {
        return received.stream().filter(r -> r.path().equals(path) && r.body().contains("\"" + subject + "\"")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
