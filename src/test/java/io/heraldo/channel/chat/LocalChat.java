package io.heraldo.channel.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Every chat service Heraldo speaks to, on 127.0.0.1, for tests: incoming webhooks of Slack, Teams, Discord, Google
 * Chat and Mattermost ({@code /hooks/<service>/<id>}), Slack's {@code chat.postMessage}, Telegram's
 * {@code sendMessage} and Matrix's {@code send} (homeserver {@link #matrixHomeserver()}). Each answers as the real
 * API does (ids, threads, a Matrix transaction posted once), checks each request's shape ({@link ServiceShapes};
 * a malformed one is answered 400 and kept in {@link #malformed()}), and can be told to misbehave once: any answer
 * to the next request of a service whose text contains a marker, or refused credentials from then on.
 */
public final class LocalChat implements AutoCloseable {

    /** One request that reached a service, with what it was answered. */
    public record Request(String service, String target, int status, JsonNode json, Map<String, String> query,
            long arrivedAt) {
        public String text() {
            return StandInReading.strings(json);
        }
    }

    /**
     * A message a service accepted.
     *
     * @param target the webhook's id, the Slack channel, the Telegram chat, the Matrix room
     * @param id how the service names it (Slack ts, Telegram message_id, Matrix event_id, Discord id, Chat name)
     * @param replyTo the message it threads under ({@code thread_ts}, {@code reply_parameters}, {@code m.thread};
     *        Google Chat's thread key), or {@code null}
     */
    public record Message(String service, String target, String id, String replyTo, JsonNode json,
            Map<String, String> query, long arrivedAt) {
        public String text() {
            return StandInReading.strings(json);
        }
    }

    /** A request refused for its shape. */
    public record Malformed(String service, String target, String problem, String body) {
    }

    /** An answer to give once, to the next request of {@code service} whose text contains {@code marker}. */
    record Scripted(String service, Predicate<String> text, int status, Map<String, String> headers, String body) {
    }

    static final ObjectMapper JSON = new ObjectMapper();
    public static final Set<String> SERVICES = Set.of("slack-hook", "slack-api", "teams", "discord", "googlechat",
            "mattermost", "telegram", "matrix");

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<Malformed> malformed = new CopyOnWriteArrayList<>();
    private final List<Scripted> scripted = new CopyOnWriteArrayList<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Map<String, String> transactions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_700_000_000L);

    private LocalChat(HttpServer server) {
        this.server = server;
    }

    public static LocalChat start() {
        try {
            LocalChat chat = new LocalChat(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256));
            chat.server.setExecutor(Executors.newFixedThreadPool(4));
            chat.server.createContext("/", chat::handle);
            chat.server.start();
            return chat;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An incoming webhook URL of a service: {@code slack}, {@code teams}, {@code discord}, {@code mattermost}. */
    public String hook(String service, String id) {
        return baseUrl() + "/hooks/" + service + "/" + id;
    }

    /** A Google Chat space's webhook URL, with its key and token as Google gives them. */
    public String googleChatHook(String id) {
        return hook("googlechat", id) + "?key=test-key&token=" + id + "-token";
    }

    public String slackApiUrl() {
        return baseUrl() + "/slack/api";
    }

    public String telegramApiUrl() {
        return baseUrl() + "/telegram";
    }

    public String matrixHomeserver() {
        return baseUrl() + "/matrix";
    }

    /** Every request so far, answered or refused, in order of arrival. */
    public List<Request> requests(String service, String marker) {
        return requests.stream().filter(r -> r.service().equals(service) && r.text().contains(marker)).toList();
    }

    /** The messages a service accepted whose text contains {@code marker}, in order of arrival. */
    public List<Message> messages(String service, String marker) {
        return messages.stream().filter(m -> m.service().equals(service) && m.text().contains(marker)).toList();
    }

    public List<Message> messagesTo(String service, String target) {
        return messages.stream().filter(m -> m.service().equals(service) && m.target().equals(target)).toList();
    }

    public List<Malformed> malformed() {
        return List.copyOf(malformed);
    }

    /** The next request of {@code service} whose text contains {@code marker} gets this answer instead. */
    public void answerOnce(String service, String marker, int status, Map<String, String> headers, String body) {
        scripted.add(new Scripted(service, text -> text.contains(marker), status, headers, body));
    }

    /**
     * From now on this credential is refused as its service refuses a revoked one: a Slack bot token, a Telegram bot
     * token, a Matrix access token, or a webhook's id (its URL is gone).
     */
    public void revoke(String credential) {
        revoked.add(credential);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long arrivedAt = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            ServiceShapes.Route route = ServiceShapes.route(exchange.getRequestMethod(), path);
            if (route == null) {
                answer(exchange, 404, Map.of(), "{\"error\":\"no such path\"}");
                return;
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = JSON.createObjectNode();
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            ServiceShapes.Answer answer = answer(route, json, body, query, authorization);
            String target = route.target(json);
            requests.add(new Request(route.service(), target, answer.status(), json, query, arrivedAt));
            if (answer.accepted() != null) {
                messages.add(new Message(route.service(), target, answer.accepted().id(),
                        answer.accepted().replyTo(), json, query, arrivedAt));
            }
            answer(exchange, answer.status(), answer.headers(), answer.body());
        }
    }

    private ServiceShapes.Answer answer(ServiceShapes.Route route, JsonNode json, String body, Map<String, String> query,
            String authorization) {
        String text = StandInReading.strings(json);
        for (Scripted once : scripted) {
            if (once.service().equals(route.service()) && once.text().test(text) && scripted.remove(once)) {
                return new ServiceShapes.Answer(once.status(), once.headers(), once.body(), null);
            }
        }
        String problem = ServiceShapes.problem(route, json, query, authorization);
        if (problem != null) {
            malformed.add(new Malformed(route.service(), route.target(json), problem, body));
            return new ServiceShapes.Answer(400, Map.of(), "{\"ok\":false,\"error\":\"malformed\",\"problem\":"
                    + JSON.valueToTree(problem) + "}", null);
        }
        if (revoked.contains(route.credential(authorization))) {
            return ServiceShapes.refused(route.service());
        }
        return ServiceShapes.accept(route, json, query, this::nextId, this::known, transactions);
    }

    private String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    /** Whether a message of this service and target has this id (a thread's root must exist). */
    private boolean known(String service, String target, String id) {
        return messages.stream().anyMatch(m -> m.service().equals(service) && m.target().equals(target)
                && id.equals(m.id()));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Every accepted message, for a test that looks through all of them. */
    public List<Message> messages() {
        return new ArrayList<>(messages);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
