package io.heraldo.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.TestKafka;
import io.heraldo.channel.webhook.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Webhook fan-out benchmark (docs/webhooks.md): 1,000 endpoints on one local receiver (distinct paths), 10 incidents
 * published at once, 10,000 signed deliveries, every signature verified by the reference library. Reports
 * deliveries/s and latency from publish; then the raw ceiling: a plain JDK HttpClient posting the same 10,000
 * bodies to the same receiver with the channel's concurrency (16).
 * <p>
 * {@code ./mvnw -B -o test -Pbench -Dtest=WebhookFanoutBenchTest}
 */
@Tag("bench")
@QuarkusTest
class WebhookFanoutBenchTest {

    private static final int ENDPOINTS = Integer.getInteger("bench.endpoints", 1_000);
    private static final int EVENTS = Integer.getInteger("bench.events", 10);
    private static final int CONCURRENCY = 16;

    @Test
    void fanOut() throws Exception {
        String component = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver(CONCURRENCY)) {
            for (int i = 0; i < ENDPOINTS; i++) {
                String path = "/hook/" + i;
                var created = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                        .body(Map.of("url", receiver.url(path), "components", List.of(component)))
                        .post("/admin/v1/webhooks").then().statusCode(201).extract().jsonPath();
                receiver.secret(path, created.getString("secret"));
                ids.add(created.getString("id"));
            }
            Map<String, Long> publishedAt = new HashMap<>();
            long start = System.nanoTime();
            for (int e = 0; e < EVENTS; e++) {
                String incident = "inc-" + component + "-" + e;
                publishedAt.put(incident, System.nanoTime());
                TestKafka.publishStructured(incident, """
                        {"specversion": "1.0", "id": "%1$s-1", "source": "/bench", "type": "incident.opened",
                         "data": {"incident": {"id": "%1$s", "title": "Bench", "status": "investigating",
                                  "impact": "major", "components": {"%2$s": "major_outage"}},
                                  "update": {"body": "Benchmark incident."}}}""".formatted(incident, component));
            }
            int expected = ENDPOINTS * EVENTS;
            List<Long> latencies = new ArrayList<>();
            Map<String, Boolean> seen = new HashMap<>();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> receiver.received().size() >= expected);
            long elapsed = System.nanoTime() - start;
            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).hasSize(expected);
            assertThat(received).allMatch(WebhookReceiver.Received::verified);
            received.forEach(r -> seen.put(r.webhookId(), true));
            assertThat(seen).hasSize(expected);
            for (WebhookReceiver.Received r : received) {
                latencies.add(r.arrivedAt() - publishedAt.get(r.json().path("data").path("incident").path("id").asText()));
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            double seconds = elapsed / 1e9;
            System.out.printf("%nWEBHOOK BENCH: %d deliveries to %d endpoints in %.2f s = %.0f deliveries/s; latency from"
                    + " publish p50 %d ms, p99 %d ms, max %d ms%n", expected, ENDPOINTS, seconds, expected / seconds,
                    sorted[sorted.length / 2] / 1_000_000, sorted[(int) (sorted.length * 0.99)] / 1_000_000,
                    sorted[sorted.length - 1] / 1_000_000);

            // The raw ceiling: the same bodies, headers and receiver, a plain HttpClient with the same concurrency.
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
            List<Future<Integer>> posts = new ArrayList<>(expected);
            long rawStart = System.nanoTime();
            for (WebhookReceiver.Received r : received) {
                posts.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(receiver.url(r.path())))
                        .header("content-type", "application/json").header("webhook-id", r.webhookId())
                        .header("webhook-timestamp", r.timestamp()).header("webhook-signature", r.signature())
                        .POST(HttpRequest.BodyPublishers.ofString(r.body())).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode()));
            }
            for (Future<Integer> post : posts) {
                assertThat(post.get()).isEqualTo(200);
            }
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
            pool.shutdown();
            System.out.printf("WEBHOOK BENCH raw ceiling: %d posts in %.2f s = %.0f posts/s%n%n", expected, rawSeconds,
                    expected / rawSeconds);
        } finally {
            ids.forEach(id -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).delete("/admin/v1/webhooks/" + id));
        }
    }
}
