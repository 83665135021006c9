package io.heraldo.channel.bluesky;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.heraldo.channel.social.ScriptedAnswers;

/**
 * A Bluesky PDS on 127.0.0.1, for tests: {@code createSession} with the app password, {@code refreshSession} (which
 * rotates the refresh token), {@code createRecord} of posts and {@code listRecords}. Every post is checked as the PDS
 * and the app view would take it (its session, the record's fields, 300 graphemes, each facet's UTF-8 byte range
 * holding exactly its link, a reply's root and parent naming posts it has with their CIDs); a post of the wrong shape
 * is answered {@code 400 InvalidRequest} and kept in {@link #malformed()}. It can expire the access tokens it gave,
 * answer once with something else (a rate limit), take a post and then fail (the answer lost), or refuse the app
 * password and revoke its sessions.
 */
public final class LocalBluesky implements AutoCloseable {

    public static final String IDENTIFIER = "estado.heraldo.test";
    public static final String APP_PASSWORD = "abcd-efgh-ijkl-mnop";
    public static final String DID = "did:plc:heraldoteststatus0000000";

    /** A post the PDS took. */
    public record Post(String uri, String cid, String text, JsonNode record, Instant acceptedAt) {

        public String rootUri() {
            return record.path("reply").path("root").path("uri").asText(null);
        }

        public String parentUri() {
            return record.path("reply").path("parent").path("uri").asText(null);
        }

        /** The links of the post's facets, each with the text its byte range covers. */
        public List<Map.Entry<String, String>> links() {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return StreamSupport.stream(record.path("facets").spliterator(), false)
                    .map(facet -> Map.entry(facet.path("features").path(0).path("uri").asText(),
                            new String(Arrays.copyOfRange(bytes, facet.path("index").path("byteStart").asInt(),
                                    facet.path("index").path("byteEnd").asInt()), StandardCharsets.UTF_8)))
                    .toList();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE32 = "234567abcdefghijklmnopqrstuvwxyz";
    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    private static final Set<String> RECORD_FIELDS = Set.of("$type", "text", "createdAt", "langs", "facets", "reply");

    private final HttpServer server;
    private final SecureRandom random = new SecureRandom();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final ScriptedAnswers scripted = new ScriptedAnswers();
    private final List<String> malformed = new CopyOnWriteArrayList<>();
    /** Access tokens given, and whether they still work. */
    private final Map<String, Boolean> accessTokens = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionsCreated = new AtomicInteger();
    private final AtomicInteger sessionsRefreshed = new AtomicInteger();
    private final AtomicInteger refusedPasswords = new AtomicInteger();
    private volatile boolean revoked;

    private LocalBluesky(HttpServer server) {
        this.server = server;
    }

    public static LocalBluesky start() {
        try {
            LocalBluesky pds = new LocalBluesky(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            pds.server.createContext("/xrpc/", pds::handle);
            pds.server.start();
            return pds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The posts taken whose text contains {@code marker} (a test's own incident id), in order. */
    public List<Post> postsContaining(String marker) {
        return posts.stream().filter(p -> p.text().contains(marker)).toList();
    }

    public List<String> malformed() {
        return List.copyOf(malformed);
    }

    public int sessionsCreated() {
        return sessionsCreated.get();
    }

    public int sessionsRefreshed() {
        return sessionsRefreshed.get();
    }

    public int refusedPasswords() {
        return refusedPasswords.get();
    }

    /** Every access token given so far runs out (as after two hours): calls with it get {@code ExpiredToken}. */
    public void expireAccessTokens() {
        accessTokens.replaceAll((token, works) -> false);
    }

    /** Scripted answers not given yet. */
    public int scriptedLeft() {
        return scripted.left();
    }

    public void answerOnce(Predicate<String> text, int status, String body, Map<String, String> headers) {
        scripted.once(text, status, body, headers);
    }

    /** Takes the next post whose text matches, then answers {@code status} as if it had failed. */
    public void takeThenFailOnce(Predicate<String> text, int status) {
        scripted.takeThenFail(text, status, error("InternalServerError", "Internal Server Error"));
    }

    /** The app password is deleted: its sessions stop working and no new one opens with it. */
    public void revokeAppPassword() {
        revoked = true;
        accessTokens.clear();
        refreshTokens.clear();
    }

    public void restoreAppPassword() {
        revoked = false;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestURI().getPath().substring("/xrpc/".length());
            switch (method) {
                case "com.atproto.server.createSession" -> createSession(exchange, raw);
                case "com.atproto.server.refreshSession" -> refreshSession(exchange);
                case "com.atproto.repo.createRecord" -> createRecord(exchange, raw);
                case "com.atproto.repo.listRecords" -> listRecords(exchange);
                default -> answer(exchange, 501, error("MethodNotImplemented", "Method Not Implemented"), Map.of());
            }
        }
    }

    private void createSession(HttpExchange exchange, byte[] raw) throws IOException {
        JsonNode body = JSON.readTree(raw);
        if (revoked || !IDENTIFIER.equals(body.path("identifier").asText())
                || !APP_PASSWORD.equals(body.path("password").asText())) {
            refusedPasswords.incrementAndGet();
            answer(exchange, 401, error("AuthenticationRequired", "Invalid identifier or password"), Map.of());
            return;
        }
        sessionsCreated.incrementAndGet();
        answer(exchange, 200, session().toString(), Map.of());
    }

    private void refreshSession(HttpExchange exchange) throws IOException {
        String token = bearer(exchange);
        if (token == null || !refreshTokens.remove(token)) {
            answer(exchange, 400, error("ExpiredToken", "Token has been revoked"), Map.of());
            return;
        }
        sessionsRefreshed.incrementAndGet();
        answer(exchange, 200, session().toString(), Map.of());
    }

    private ObjectNode session() {
        String access = "access-" + base32(24);
        String refresh = "refresh-" + base32(24);
        accessTokens.put(access, true);
        refreshTokens.add(refresh);
        return JSON.createObjectNode().put("did", DID).put("handle", IDENTIFIER).put("accessJwt", access)
                .put("refreshJwt", refresh).put("active", true);
    }

    /** Whether the call's access token works; answers for it when not. */
    private boolean authorized(HttpExchange exchange) throws IOException {
        Boolean works = accessTokens.get(String.valueOf(bearer(exchange)));
        if (works == null) {
            answer(exchange, 401, error("InvalidToken", "Bad token scope"), Map.of());
            return false;
        }
        if (!works) {
            answer(exchange, 400, error("ExpiredToken", "Token has expired"), Map.of());
            return false;
        }
        return true;
    }

    private void createRecord(HttpExchange exchange, byte[] raw) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        JsonNode body = JSON.readTree(raw);
        String refusal = refusal(body);
        if (refusal != null) {
            malformed.add(refusal);
            answer(exchange, 400, error("InvalidRequest", refusal), Map.of());
            return;
        }
        JsonNode record = body.path("record");
        String text = record.path("text").asText();
        ScriptedAnswers.Answer instead = scripted.next(text);
        if (instead != null) {
            if (instead.store()) {
                take(record, text);
            }
            answer(exchange, instead.status(), instead.body(), instead.headers());
            return;
        }
        Post post = take(record, text);
        ObjectNode created = JSON.createObjectNode().put("uri", post.uri()).put("cid", post.cid())
                .put("validationStatus", "valid");
        created.putObject("commit").put("cid", cid()).put("rev", tid());
        answer(exchange, 200, created.toString(), Map.of());
    }

    private Post take(JsonNode record, String text) {
        Post post = new Post("at://" + DID + "/app.bsky.feed.post/" + tid(), cid(), text, record, Instant.now());
        posts.add(post);
        return post;
    }

    private void listRecords(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!DID.equals(query.get("repo")) || !"app.bsky.feed.post".equals(query.get("collection"))) {
            malformed.add("listRecords " + query);
            answer(exchange, 400, error("InvalidRequest", "repo and collection"), Map.of());
            return;
        }
        int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
        ObjectNode listed = JSON.createObjectNode();
        ArrayNode records = listed.putArray("records");
        for (int i = posts.size() - 1; i >= 0 && records.size() < limit; i--) {
            Post post = posts.get(i);
            records.addObject().put("uri", post.uri()).put("cid", post.cid()).set("value", post.record());
        }
        answer(exchange, 200, listed.toString(), Map.of());
    }

    /** Why the PDS or the app view would refuse this post, or {@code null}. */
    private String refusal(JsonNode body) {
        if (!DID.equals(body.path("repo").asText()) || !"app.bsky.feed.post".equals(body.path("collection").asText())) {
            return "repo/collection: " + body.path("repo") + " " + body.path("collection");
        }
        JsonNode record = body.path("record");
        if (!"app.bsky.feed.post".equals(record.path("$type").asText())) {
            return "record.$type: " + record.path("$type");
        }
        for (var names = record.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!RECORD_FIELDS.contains(name)) {
                return "record." + name + ": not a field of the posts Heraldo makes";
            }
        }
        String text = record.path("text").asText(null);
        if (text == null || text.isBlank()) {
            return "record.text: blank";
        }
        if (graphemes(text) > 300 || text.getBytes(StandardCharsets.UTF_8).length > 3000) {
            return "record.text: " + graphemes(text) + " graphemes";
        }
        try {
            OffsetDateTime.parse(record.path("createdAt").asText());
        } catch (DateTimeParseException e) {
            return "record.createdAt: " + record.path("createdAt");
        }
        if (!record.path("langs").isArray() || record.path("langs").isEmpty() || record.path("langs").size() > 3) {
            return "record.langs: " + record.path("langs");
        }
        String facets = facetRefusal(record.path("facets"), text.getBytes(StandardCharsets.UTF_8));
        return facets != null ? facets : replyRefusal(record.path("reply"));
    }

    private static String facetRefusal(JsonNode facets, byte[] text) {
        for (JsonNode facet : facets) {
            int start = facet.path("index").path("byteStart").asInt(-1);
            int end = facet.path("index").path("byteEnd").asInt(-1);
            JsonNode feature = facet.path("features").path(0);
            if (start < 0 || end <= start || end > text.length || facet.path("features").size() != 1
                    || !"app.bsky.richtext.facet#link".equals(feature.path("$type").asText())
                    || !feature.path("uri").asText().matches("https?://\\S+")) {
                return "record.facets: " + facet;
            }
            String covered = new String(Arrays.copyOfRange(text, start, end), StandardCharsets.UTF_8);
            if (!covered.equals(feature.path("uri").asText())) {
                return "record.facets: bytes " + start + "-" + end + " hold '" + covered + "', not its link";
            }
        }
        return null;
    }

    private String replyRefusal(JsonNode reply) {
        if (reply.isMissingNode()) {
            return null;
        }
        Post root = find(reply.path("root"));
        Post parent = find(reply.path("parent"));
        if (root == null || parent == null) {
            return "record.reply: root and parent must name posts with their cid: " + reply;
        }
        String parentRoot = parent.rootUri() == null ? parent.uri() : parent.rootUri();
        if (!parentRoot.equals(root.uri())) {
            return "record.reply.root: " + root.uri() + " is not the root of the parent's thread " + parentRoot;
        }
        return null;
    }

    private Post find(JsonNode ref) {
        return posts.stream().filter(p -> p.uri().equals(ref.path("uri").asText())
                && p.cid().equals(ref.path("cid").asText())).findFirst().orElse(null);
    }

    private static int graphemes(String text) {
        return (int) GRAPHEME.matcher(text).results().count();
    }

    private static String bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    /** {@code length} random base32-sortable characters. */
    private String base32(int length) {
        return random.ints(length, 0, BASE32.length()).mapToObj(i -> String.valueOf(BASE32.charAt(i)))
                .reduce("", String::concat);
    }

    /** A record key as the PDS makes them (a TID: 13 base32-sortable characters). */
    private String tid() {
        return BASE32.charAt(random.nextInt(16)) + base32(12);
    }

    private String cid() {
        return "bafyrei" + base32(52);
    }

    private static String error(String name, String message) {
        return JSON.createObjectNode().put("error", name).put("message", message).toString();
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
