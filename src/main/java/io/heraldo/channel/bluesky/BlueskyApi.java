package io.heraldo.channel.bluesky;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The AT Protocol calls Heraldo makes as the account (XRPC over HTTP): open and refresh a session, create a post
 * record, list the latest posts.
 */
@ApplicationScoped
public class BlueskyApi {

    public static final String POST = "app.bsky.feed.post";

    /**
     * The service's answer: the status, the body ({@link MissingNode} when not JSON), the XRPC {@code error} name and
     * {@code message} when it failed, {@code RateLimit-Reset} and {@code Retry-After} when given.
     */
    public record Answer(int status, JsonNode body, String error, String message, Optional<Instant> rateLimitReset,
            Optional<Duration> retryAfter) {

        public boolean ok() {
            return status == 200;
        }

        /** The error name and message, or the status alone, for the delivery log. */
        public String said() {
            String what = error == null ? "" : error + (message == null ? "" : ": " + message);
            return "Bluesky answered " + status + (what.isEmpty() ? "" : " " + what);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final BlueskyConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public BlueskyApi(BlueskyConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** {@code com.atproto.server.createSession} with the app password. */
    public Answer createSession(String identifier, String password) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("identifier", identifier).put("password", password);
        return send(post("com.atproto.server.createSession", null, body));
    }

    /** {@code com.atproto.server.refreshSession}: a new pair of tokens for the refresh token. */
    public Answer refreshSession(String refreshJwt) throws IOException, InterruptedException {
        return send(post("com.atproto.server.refreshSession", refreshJwt, null));
    }

    /** {@code com.atproto.repo.createRecord} of a post in the account's repository. */
    public Answer createPost(String accessJwt, String did, ObjectNode record) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("repo", did).put("collection", POST);
        body.set("record", record);
        return send(post("com.atproto.repo.createRecord", accessJwt, body));
    }

    /** {@code com.atproto.repo.listRecords}: the account's latest posts, newest first. */
    public Answer latestPosts(String accessJwt, String did, int limit) throws IOException, InterruptedException {
        URI uri = uri("com.atproto.repo.listRecords?repo=" + URLEncoder.encode(did, StandardCharsets.UTF_8)
                + "&collection=" + POST + "&limit=" + limit);
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + accessJwt)
                .header("Accept", "application/json").GET().build());
    }

    private HttpRequest post(String method, String bearer, ObjectNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(method)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body == null) {
            return request.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? MissingNode.getInstance()
                    : json.readTree(response.body());
        } catch (IOException notJson) {
            body = MissingNode.getInstance();
        }
        HttpHeaders headers = response.headers();
        return new Answer(response.statusCode(), body,
                response.statusCode() == 200 ? null : body.path("error").asText(null),
                response.statusCode() == 200 ? null : body.path("message").asText(null),
                seconds(headers, "RateLimit-Reset").map(Instant::ofEpochSecond),
                seconds(headers, "Retry-After").map(Duration::ofSeconds));
    }

    private static Optional<Long> seconds(HttpHeaders headers, String name) {
        return headers.firstValue(name).map(String::trim).filter(v -> v.matches("\\d{1,12}")).map(Long::parseLong);
    }

    private URI uri(String methodAndQuery) {
        String base = config.serviceUrl().endsWith("/")
                ? config.serviceUrl().substring(0, config.serviceUrl().length() - 1)
                : config.serviceUrl();
        return URI.create(base + "/xrpc/" + methodAndQuery);
    }
}
