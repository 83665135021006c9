package io.heraldo.channel.twitter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code POST /2/tweets} on X API v2, signed with OAuth 1.0a in the account's user context. */
@ApplicationScoped
public class TwitterApi {

    /** X's answer: the status, the body as sent, and {@code x-rate-limit-reset} (epoch seconds) when given. */
    public record Answer(int status, String body, OptionalLong rateLimitReset) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final TwitterConfig config;
    private final ObjectMapper json;
    private final OAuth1Signer signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TwitterApi(TwitterConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.signer = new OAuth1Signer(new OAuth1Signer.Credentials(config.consumerKey().orElse(""),
                config.consumerSecret().orElse(""), config.accessToken().orElse(""),
                config.accessTokenSecret().orElse("")));
    }

    /** Posts a tweet, a reply when {@code replyTo} is given. Throws only when X could not be reached. */
    public Answer post(String text, String replyTo) throws IOException, InterruptedException {
        ObjectNode body = json.createObjectNode().put("text", text);
        if (replyTo != null) {
            body.putObject("reply").put("in_reply_to_tweet_id", replyTo);
        }
        URI uri = URI.create(stripSlash(config.apiBaseUrl()) + "/2/tweets");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                // A JSON body is not signed (RFC 5849 signs form bodies only): oauth_* alone make the base string.
                .header("Authorization", signer.authorization("POST", uri))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        OptionalLong reset = response.headers().firstValue("x-rate-limit-reset").map(String::trim)
                .filter(v -> v.matches("\\d{1,12}")).map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
        return new Answer(response.statusCode(), response.body(), reset);
    }

    /** The tweet id of a {@code 201 {"data": {"id": ...}}}, or {@code null}. */
    public String tweetId(String body) {
        try {
            String id = json.readTree(body).path("data").path("id").asText(null);
            return id == null || id.isBlank() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
