package io.heraldo.channel.mastodon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twitter.twittertext.Extractor;

import io.heraldo.channel.social.ScriptedAnswers;

/**
 * A Mastodon instance's {@code POST /api/v1/statuses} and {@code GET /api/v2/instance} on 127.0.0.1, for tests. It
 * checks every request as Mastodon would (the bearer token, the fields and their values, the status to answer, the
 * text's length counted as Mastodon counts it, written here apart from Heraldo's counter) and keeps Mastodon's
 * {@code Idempotency-Key} promise: a key seen before is answered with the status it made. It can be told to answer
 * once with something else (a rate limit, an error), to take a status and then fail (the answer lost), or to refuse
 * the token. Requests of the wrong shape are answered 422 and kept in {@link #malformed()}.
 */
public final class LocalMastodon implements AutoCloseable {

    public static final String TOKEN = "test-mastodon-token";

    /** A status the instance took. */
    public record Status(String id, String text, String inReplyToId, String visibility, String language,
            String idempotencyKey, Instant acceptedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");
    private static final int PER_URL = 23;
    /** Mastodon's mention pattern (app/models/account.rb, MENTION_RE), for the mentions a status would make. */
    private static final Pattern MENTION = Pattern.compile(
            "(?<![=/\\w])@(([a-z0-9_]+([.-]+[a-z0-9_]+)*)(?:@\\w+([.-]+\\w+)*)?)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private final HttpServer server;
    private final int maxCharacters;
    private final List<Status> statuses = new CopyOnWriteArrayList<>();
    private final Map<String, Status> byKey = new ConcurrentHashMap<>();
    private final ScriptedAnswers scripted = new ScriptedAnswers();
    private final List<String> malformed = new CopyOnWriteArrayList<>();
    private final List<String> mentions = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(113_000_000_000_000_000L);
    private final AtomicLong instanceReads = new AtomicLong();
    private final AtomicLong refusedForRevokedToken = new AtomicLong();
    private volatile boolean revoked;

    private LocalMastodon(HttpServer server, int maxCharacters) {
        this.server = server;
        this.maxCharacters = maxCharacters;
    }

    /** An instance whose statuses take at most {@code maxCharacters}. */
    public static LocalMastodon start(int maxCharacters) {
        try {
            LocalMastodon mastodon = new LocalMastodon(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
                    maxCharacters);
            mastodon.server.createContext("/api/v1/statuses", mastodon::statuses);
            mastodon.server.createContext("/api/v2/instance", mastodon::instance);
            mastodon.server.start();
            return mastodon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int maxCharacters() {
        return maxCharacters;
    }

    /** The statuses taken whose text contains {@code marker} (a test's own incident id), in order. */
    public List<Status> statusesContaining(String marker) {
        return statuses.stream().filter(s -> s.text().contains(marker)).toList();
    }

    /** Requests that Mastodon would have refused for their shape, each with the reason. */
    public List<String> malformed() {
        return List.copyOf(malformed);
    }

    /** Every account a status would have mentioned (and notified). */
    public List<String> mentions() {
        return List.copyOf(mentions);
    }

    public long instanceReads() {
        return instanceReads.get();
    }

    public long refusedForRevokedToken() {
        return refusedForRevokedToken.get();
    }

    /** Scripted answers not given yet. */
    public int scriptedLeft() {
        return scripted.left();
    }

    public void answerOnce(Predicate<String> text, int status, String body, Map<String, String> headers) {
        scripted.once(text, status, body, headers);
    }

    /** Takes the next status whose text matches, then answers {@code status} as if it had failed. */
    public void takeThenFailOnce(Predicate<String> text, int status) {
        scripted.takeThenFail(text, status, "<html><body><h1>502 Bad Gateway</h1></body></html>");
    }

    /** Deletes a status, as the account's owner may: a reply to it is then refused with 404. */
    public void delete(String id) {
        statuses.removeIf(status -> status.id().equals(id));
    }

    /** From now on every status is refused with 401, as when the application's token was revoked. */
    public void revokeToken() {
        revoked = true;
    }

    public void restoreToken() {
        revoked = false;
    }

    /** The length Mastodon gives a status: URLs count 23, a remote mention its local part, the rest graphemes. */
    public static int countedLength(String text) {
        Extractor extractor = new Extractor();
        extractor.setExtractURLWithoutProtocol(false);
        StringBuilder countable = new StringBuilder();
        int from = 0;
        for (Extractor.Entity url : extractor.extractURLsWithIndices(text)) {
            countable.append(text, from, url.getStart()).append("x".repeat(PER_URL));
            from = url.getEnd();
        }
        countable.append(text.substring(from));
        Matcher mention = MENTION.matcher(countable);
        String local = mention.replaceAll(m -> Matcher.quoteReplacement("@" + m.group(2)));
        Matcher graphemes = GRAPHEME.matcher(local);
        int count = 0;
        while (graphemes.find()) {
            count++;
        }
        return count;
    }

    private void instance(HttpExchange exchange) throws IOException {
        try (exchange) {
            instanceReads.incrementAndGet();
            ObjectNode instance = JSON.createObjectNode().put("domain", "mastodon.heraldo.test")
                    .put("title", "Heraldo test instance");
            instance.putObject("configuration").putObject("statuses").put("max_characters", maxCharacters)
                    .put("max_media_attachments", 4).put("characters_reserved_per_url", PER_URL);
            answer(exchange, 200, instance.toString(), Map.of());
        }
    }

    private void statuses(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"error\":\"Method not allowed\"}", Map.of());
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                malformed.add("Authorization: " + exchange.getRequestHeaders().getFirst("Authorization"));
                answer(exchange, 401, "{\"error\":\"The access token is invalid\"}", Map.of());
                return;
            }
            if (revoked) {
                refusedForRevokedToken.incrementAndGet();
                answer(exchange, 401, "{\"error\":\"The access token was revoked\"}", Map.of());
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            Status earlier = key == null ? null : byKey.get(key);
            if (earlier != null) {
                answer(exchange, 200, entity(earlier).toString(), Map.of());
                return;
            }
            String refusal = refusal(exchange, raw, key);
            if (refusal != null) {
                malformed.add(refusal);
                answer(exchange, 422, JSON.createObjectNode().put("error", "Validation failed: " + refusal).toString(),
                        Map.of());
                return;
            }
            JsonNode body = JSON.readTree(raw);
            String text = body.path("status").asText();
            String replyTo = body.path("in_reply_to_id").asText(null);
            if (replyTo != null && statuses.stream().noneMatch(s -> s.id().equals(replyTo))) {
                answer(exchange, 404, "{\"error\":\"The post you are trying to reply to does not appear to exist.\"}",
                        Map.of());
                return;
            }
            if (countedLength(text) > maxCharacters) {
                malformed.add("text of " + countedLength(text) + " characters: " + text);
                answer(exchange, 422, "{\"error\":\"Validation failed: Text character limit of " + maxCharacters
                        + " exceeded\"}", Map.of());
                return;
            }
            ScriptedAnswers.Answer instead = scripted.next(text);
            if (instead != null) {
                if (instead.store()) {
                    take(body, text, replyTo, key);
                }
                answer(exchange, instead.status(), instead.body(), instead.headers());
                return;
            }
            answer(exchange, 200, entity(take(body, text, replyTo, key)).toString(), Map.of());
        }
    }

    /** The accounts a status with this text would mention (and notify), as Mastodon finds them. */
    public static List<String> mentionsIn(String text) {
        return MENTION.matcher(text).results().map(m -> m.group(1)).toList();
    }

    private Status take(JsonNode body, String text, String replyTo, String key) {
        Status status = new Status(Long.toString(ids.incrementAndGet()), text, replyTo,
                body.path("visibility").asText(), body.path("language").asText(), key, Instant.now());
        statuses.add(status);
        byKey.put(key, status);
        mentions.addAll(mentionsIn(text));
        return status;
    }

    /** Why Mastodon would refuse this request's shape, or {@code null}. */
    private static String refusal(HttpExchange exchange, byte[] raw, String key) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return "Content-Type " + type;
        }
        if (key == null || key.isBlank()) {
            return "no Idempotency-Key";
        }
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (IOException e) {
            return "body is not JSON";
        }
        if (!body.path("status").isTextual() || body.path("status").asText().isBlank()) {
            return "status: blank";
        }
        if (!VISIBILITIES.contains(body.path("visibility").asText())) {
            return "visibility: " + body.path("visibility");
        }
        if (!body.path("language").asText().matches("[a-z]{2}")) {
            return "language: " + body.path("language");
        }
        if (body.has("in_reply_to_id") && !body.path("in_reply_to_id").asText().matches("\\d+")) {
            return "in_reply_to_id: " + body.path("in_reply_to_id");
        }
        if (body.has("content_type") && !"text/plain".equals(body.path("content_type").asText())) {
            return "content_type: " + body.path("content_type");
        }
        return null;
    }

    private static ObjectNode entity(Status status) {
        ObjectNode entity = JSON.createObjectNode().put("id", status.id())
                .put("created_at", status.acceptedAt().toString()).put("in_reply_to_id", status.inReplyToId())
                .put("visibility", status.visibility()).put("language", status.language())
                .put("uri", "https://mastodon.heraldo.test/users/estado/statuses/" + status.id())
                .put("url", "https://mastodon.heraldo.test/@estado/" + status.id())
                .put("content", "<p>" + status.text().replace("&", "&amp;").replace("<", "&lt;")
                        .replace(">", "&gt;").replace("\"", "&quot;").replace("\n", "<br />") + "</p>");
        entity.putObject("account").put("id", "1").put("username", "estado").put("acct", "estado");
        return entity;
    }

    private static void answer(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
