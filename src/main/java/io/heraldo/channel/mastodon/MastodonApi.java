package io.heraldo.channel.mastodon;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Mastodon's REST API: {@code POST /api/v1/statuses} as the account, {@code GET /api/v2/instance} for its limits. */
@ApplicationScoped
public class MastodonApi {

    /** A status to post. */
    public record Status(String text, String inReplyToId, String visibility, String language) {
    }

    /**
     * The instance's answer: the status, the body as sent, {@code X-RateLimit-Reset} and {@code X-RateLimit-Remaining}
     * when given, and {@code Retry-After} in seconds when given.
     */
    public record Answer(int status, String body, Optional<Instant> rateLimitReset, Optional<Long> rateLimitRemaining,
            Optional<Duration> retryAfter) {
    }

    /** What the instance accepts: {@code configuration.statuses.*} of {@code GET /api/v2/instance}. */
    public record Limits(int maxCharacters, int charactersReservedPerUrl) {

        /** Mastodon's own defaults, for an instance that does not say. */
        public static final Limits DEFAULT = new Limits(500, 23);
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final MastodonConfig config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public MastodonApi(MastodonConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /**
     * Posts a status; a retry with the same {@code idempotencyKey} (the delivery id) is answered with the status the
     * first one made rather than a second one. Throws only when the instance could not be reached.
     */
    public Answer post(Status status, String idempotencyKey) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("status", status.text()).put("visibility", status.visibility())
                .put("language", status.language())
                // Plain text: instances that also take Markdown or HTML (glitch-soc) must not read event text as markup.
                .put("content_type", "text/plain");
        if (status.inReplyToId() != null) {
            body.put("in_reply_to_id", status.inReplyToId());
        }
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/statuses")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + config.accessToken().orElse(""))
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        HttpHeaders headers = response.headers();
        return new Answer(response.statusCode(), response.body(),
                headers.firstValue("X-RateLimit-Reset").flatMap(MastodonApi::instant),
                headers.firstValue("X-RateLimit-Remaining").map(String::trim).filter(v -> v.matches("\\d{1,12}"))
                        .map(Long::parseLong),
                headers.firstValue("Retry-After").map(String::trim).filter(v -> v.matches("\\d{1,9}"))
                        .map(v -> Duration.ofSeconds(Long.parseLong(v))));
    }

    /** The instance's limits, or empty when it does not answer them (an old instance, an error). */
    public Optional<Limits> limits() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v2/instance")).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        JsonNode statuses = json.readTree(response.body()).path("configuration").path("statuses");
        int max = statuses.path("max_characters").asInt(0);
        int perUrl = statuses.path("characters_reserved_per_url").asInt(0);
        return Optional.of(new Limits(max > 0 ? max : Limits.DEFAULT.maxCharacters(),
                perUrl > 0 ? perUrl : Limits.DEFAULT.charactersReservedPerUrl()));
    }

    /** The id of a posted status ({@code {"id": "…", …}}), or {@code null}. */
    public String statusId(String body) {
        try {
            String id = json.readTree(body).path("id").asText(null);
            return id == null || id.isBlank() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }

    /** The instance's {@code error} sentence, else the body. */
    public String error(String body) {
        try {
            String error = json.readTree(body).path("error").asText(null);
            return error == null || error.isBlank() ? body : error;
        } catch (IOException e) {
            return body;
        }
    }

    private URI uri(String path) {
        String base = config.instanceUrl().orElseThrow();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** {@code X-RateLimit-Reset} is an ISO 8601 time ({@code 2026-11-24T10:15:00.000Z}). */
    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
