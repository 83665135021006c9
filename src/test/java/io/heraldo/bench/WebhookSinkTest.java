package io.heraldo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;

/**
 * The webhook benchmarks' receiver and raw ceiling work together: every request the raw poster sends over its
 * keep-alive connections arrives once, with its headers and body, and signatures are judged by the reference library.
 */
class WebhookSinkTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void theRawPosterDeliversEverySignedRequestOnce() throws Exception {
        try (WebhookSink sink = new WebhookSink()) {
            long timestamp = System.currentTimeMillis() / 1000;
            String body = "{\"type\":\"incident.opened\",\"data\":\"" + "x".repeat(900) + "\"}";
            List<RawWebhookPoster.Post> posts = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String id = "msg_" + i;
                posts.add(new RawWebhookPoster.Post("/hook/" + (i % 50), Map.of("webhook-id", id, "webhook-timestamp",
                        Long.toString(timestamp), "webhook-signature", new Webhook(SECRET).sign(id, timestamp, body)), body));
            }
            RawWebhookPoster.Result result = new RawWebhookPoster("127.0.0.1", sink.port(), 8)
                    .post(RawWebhookPoster.encode(posts, "127.0.0.1:" + sink.port()));

            assertThat(result.failures()).isZero();
            assertThat(sink.count()).isEqualTo(500);
            List<WebhookSink.Received> received = sink.received();
            assertThat(new HashSet<>(received.stream().map(WebhookSink.Received::webhookId).toList())).hasSize(500);
            assertThat(received).allSatisfy(r -> assertThat(r.body()).isEqualTo(body));
            Map<String, String> secrets = new HashMap<>();
            for (int p = 0; p < 50; p++) {
                secrets.put("/hook/" + p, SECRET);
            }
            assertThat(WebhookSink.unverified(received, secrets)).isEmpty();
            secrets.put("/hook/7", "whsec_" + Base64.getEncoder().encodeToString("another secret of 32 bytes......".getBytes()));
            assertThat(WebhookSink.unverified(received, secrets)).hasSize(10).allMatch(r -> r.path().equals("/hook/7"));
        }
    }

    @Test
    void itAnswers204AndCountsEveryRequestAndEachId() throws Exception {
        try (WebhookSink sink = new WebhookSink()) {
            HttpClient client = HttpClient.newHttpClient();
            for (int i : new int[] { 0, 1, 2, 0 }) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(sink.url("/a")))
                        .header("webhook-id", "id" + i).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(204);
            }
            assertThat(sink.count()).isEqualTo(4);
            assertThat(sink.distinct()).isEqualTo(3);
            assertThat(sink.lastNanos()).isGreaterThan(sink.lastNewNanos()).isGreaterThan(sink.firstNanos());
            sink.reset();
            assertThat(sink.received()).isEmpty();
        }
    }
}
