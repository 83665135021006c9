package io.heraldo.channel.twitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.heraldo.channel.social.ScriptedAnswers;

/**
 * X API v2's {@code POST /2/tweets} on 127.0.0.1, for tests: it verifies the OAuth 1.0a signature for real (its own
 * computation from the account's secrets, not the signer's), answers {@code 201 {"data": {"id", "text"}}} and can be
 * told to answer a rate limit, a duplicate-content refusal, or to refuse the credentials.
 */
public final class LocalTwitter implements AutoCloseable {

    public static final OAuth1Signer.Credentials ACCOUNT = new OAuth1Signer.Credentials("test-consumer-key",
            "test-consumer-secret", "test-access-token", "test-access-token-secret");

    /** A tweet the server accepted. */
    public record Tweet(String id, String text, String replyTo, Instant acceptedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("([A-Za-z0-9_%.~-]+)=\"([^\"]*)\"");

    private final HttpServer server;
    private final List<Tweet> tweets = new CopyOnWriteArrayList<>();
    private final ScriptedAnswers scripted = new ScriptedAnswers();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong(1_860_000_000_000_000_000L);
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger refusedForRevokedCredentials = new AtomicInteger();
    private volatile boolean revoked;

    private LocalTwitter(HttpServer server) {
        this.server = server;
    }

    public static LocalTwitter start() {
        try {
            LocalTwitter twitter = new LocalTwitter(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            twitter.server.createContext("/2/tweets", twitter::handle);
            twitter.server.start();
            return twitter;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every tweet accepted, in order. */
    public List<Tweet> tweets() {
        return List.copyOf(tweets);
    }

    /** The accepted tweets whose text contains {@code marker} (a test's own incident id), in order. */
    public List<Tweet> tweetsContaining(String marker) {
        return tweets.stream().filter(t -> t.text().contains(marker)).toList();
    }

    public void answerOnce(Predicate<String> text, int status, String body, Map<String, String> headers) {
        scripted.once(text, status, body, headers);
    }

    /** From now on every call is refused with 401, as when the account's tokens were revoked. */
    public void revokeCredentials() {
        revoked = true;
    }

    public void restoreCredentials() {
        revoked = false;
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    public int refusedForRevokedCredentials() {
        return refusedForRevokedCredentials.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"title\":\"Method Not Allowed\"}", Map.of());
                return;
            }
            URI uri = URI.create(baseUrl() + exchange.getRequestURI());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!verify("POST", uri, authorization, ACCOUNT) || !freshNonce(authorization)) {
                badSignatures.incrementAndGet();
                answer(exchange, 401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
                        + "\"detail\":\"Unauthorized\"}", Map.of());
                return;
            }
            if (revoked) {
                refusedForRevokedCredentials.incrementAndGet();
                answer(exchange, 401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
                        + "\"detail\":\"Unauthorized\"}", Map.of());
                return;
            }
            JsonNode tweet = JSON.readTree(body);
            String text = tweet.path("text").asText();
            ScriptedAnswers.Answer instead = scripted.next(text);
            if (instead != null) {
                answer(exchange, instead.status(), instead.body(), instead.headers());
                return;
            }
            String replyTo = tweet.path("reply").path("in_reply_to_tweet_id").asText(null);
            String id = Long.toString(ids.incrementAndGet());
            tweets.add(new Tweet(id, text, replyTo, Instant.now()));
            answer(exchange, 201, JSON.createObjectNode().set("data",
                    JSON.createObjectNode().put("id", id).put("text", text)).toString(), Map.of());
        }
    }

    private boolean freshNonce(String authorization) {
        return nonces.add(params(authorization).getOrDefault("oauth_nonce", ""));
    }

    private static void answer(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /**
     * Recomputes the HMAC-SHA1 signature of an {@code Authorization: OAuth ...} header from the secrets, written
     * apart from {@link OAuth1Signer} on purpose, and compares it in constant time. The query parameters of the URI
     * are signed with the oauth_* ones; no body parameters: the body is JSON.
     */
    public static boolean verify(String method, URI uri, String authorization, OAuth1Signer.Credentials secrets) {
        if (authorization == null || !authorization.startsWith("OAuth ")) {
            return false;
        }
        Map<String, String> params = params(authorization);
        String signature = params.remove("oauth_signature");
        if (signature == null || !secrets.consumerKey().equals(params.get("oauth_consumer_key"))
                || !secrets.token().equals(params.get("oauth_token"))
                || !"HMAC-SHA1".equals(params.get("oauth_signature_method"))) {
            return false;
        }
        long timestamp = Long.parseLong(params.getOrDefault("oauth_timestamp", "0"));
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 300) {
            return false;
        }
        List<String> pairs = new ArrayList<>();
        params.forEach((k, v) -> pairs.add(rfc3986(k) + "=" + rfc3986(v)));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                pairs.add(rfc3986(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8)) + "="
                        + rfc3986(nameAndValue.length == 2 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : ""));
            }
        }
        Collections.sort(pairs);
        String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
        String base = method + "&" + rfc3986(uri.getScheme() + "://" + uri.getHost() + port + uri.getRawPath()) + "&"
                + rfc3986(String.join("&", pairs));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((rfc3986(secrets.consumerSecret()) + "&" + rfc3986(secrets.tokenSecret()))
                    .getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] expected = mac.doFinal(base.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature));
        } catch (Exception e) {
            return false;
        }
    }

    private static Map<String, String> params(String authorization) {
        Map<String, String> params = new TreeMap<>();
        Matcher m = PARAM.matcher(authorization.substring("OAuth ".length()));
        while (m.find()) {
            params.put(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8),
                    URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String rfc3986(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
