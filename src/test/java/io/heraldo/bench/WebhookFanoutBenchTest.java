package io.heraldo.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.HeraldoServers;
import io.heraldo.channel.webhook.WebhookConfig;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Webhook fan-out benchmark (docs/benchmarks.md, "How the benchmarks measure"): 1,000 endpoints on one local
 * {@link WebhookSink} (distinct paths); after a warm-up of the same size, 10 incidents published at once, 10,000
 * signed deliveries, every signature
 * verified afterwards by the reference library. Then, in the same run and to the same receiver, the raw ceiling:
 * {@link RawWebhookPoster} posting the very requests Heraldo sent (bodies and Standard Webhooks headers) with
 * Heraldo's own concurrency ({@code heraldo.webhook.concurrency}), twice. Reports deliveries/s, the ratio, and the
 * latency from publish to delivery; appended to {@code target/bench/webhook-fanout.txt}.
 * <p>
 * {@code ./mvnw -B -o -Pbench test -Dtest=WebhookFanoutBenchTest} ({@code -Dbench.endpoints=}, {@code -Dbench.events=},
 * {@code -Dbench.warm-up-events=}, 0 for none)
 */
@Tag("bench")
@QuarkusTest
class WebhookFanoutBenchTest {

    private static final int ENDPOINTS = Integer.getInteger("bench.endpoints", 1_000);
    private static final int EVENTS = Integer.getInteger("bench.events", 10);
    private static final int WARM_UP_EVENTS = Integer.getInteger("bench.warm-up-events", 10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookConfig config;

    @Test
    void fanOut() throws Exception {
        String component = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        Map<String, String> secrets = new HashMap<>();
        try (WebhookSink sink = new WebhookSink()) {
            for (int i = 0; i < ENDPOINTS; i++) {
                String path = "/hook/" + i;
                var created = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                        .body(Map.of("url", sink.url(path), "components", List.of(component)))
                        .post("/admin/v1/webhooks").then().statusCode(201).extract().jsonPath();
                secrets.put(path, created.getString("secret"));
                ids.add(created.getString("id"));
            }
            // Heraldo's warm-up, as a long-running server is warm: the same fan-out once, not measured.
            BenchIncidents.open(component, "warm", WARM_UP_EVENTS, new HashMap<>());
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sink.distinct() >= ENDPOINTS * WARM_UP_EVENTS);
            sink.reset();
            Map<String, Long> publishedAt = new HashMap<>();
            long start = System.nanoTime();
            BenchIncidents.open(component, "inc", EVENTS, publishedAt);
            long lastPublish = System.nanoTime();
            int expected = ENDPOINTS * EVENTS;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> sink.distinct() >= expected);
            double heraldoSeconds = (sink.lastNewNanos() - start) / 1e9;
            List<WebhookSink.Received> all = sink.received();
            assertThat(WebhookSink.unverified(all, secrets)).isEmpty();
            // At least once: a delivery may come twice (same webhook-id); each is counted once, at its first arrival.
            Set<String> seen = new HashSet<>();
            List<WebhookSink.Received> received = all.stream().filter(r -> seen.add(r.webhookId())).toList();
            assertThat(received).hasSize(expected);
            long repeated = all.size() - expected;
            long[] fromPublish = new long[expected];
            long[] fromLastPublish = new long[expected];
            long bodyBytes = 0;
            for (int i = 0; i < expected; i++) {
                WebhookSink.Received r = received.get(i);
                String incident = JSON.readTree(r.body()).path("data").path("incident").path("id").asText();
                fromPublish[i] = r.arrivedAt() - publishedAt.get(incident);
                fromLastPublish[i] = r.arrivedAt() - lastPublish;
                bodyBytes += r.body().length();
            }

            // The raw ceiling: the same requests, receiver and concurrency; twice, the first one warming the client.
            int concurrency = config.concurrency();
            byte[][] requests = RawWebhookPoster.encode(received.stream().map(r -> new RawWebhookPoster.Post(r.path(),
                    Map.of("webhook-id", r.webhookId(), "webhook-timestamp", r.timestamp(), "webhook-signature",
                            r.signature()), r.body())).toList(), "127.0.0.1:" + sink.port());
            RawWebhookPoster poster = new RawWebhookPoster("127.0.0.1", sink.port(), concurrency);
            List<RawWebhookPoster.Result> ceilings = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                sink.reset();
                RawWebhookPoster.Result result = poster.post(requests);
                assertThat(result.failures()).isZero();
                assertThat(sink.distinct()).isEqualTo(expected);
                ceilings.add(result);
            }
            double ceiling = ceilings.stream().mapToDouble(RawWebhookPoster.Result::postsPerSecond).max().orElseThrow();
            double heraldoRate = expected / heraldoSeconds;
            String report = """
                    Webhook fan-out benchmark (WebhookFanoutBenchTest), %s
                    %,d endpoints x %d events = %,d signed deliveries to one WebhookSink (Vert.x, answers 204); %d cores;
                    concurrency %d (heraldo.webhook.concurrency) for Heraldo and the ceiling; bodies %,d bytes on average
                    | run | deliveries | seconds | deliveries/s | ratio |
                    | --- | --- | --- | --- | --- |
                    | Heraldo, first publish -> last delivery | %,d | %.2f | %,.0f | %.2f |
                    | raw ceiling (RawWebhookPoster, same requests) | %,d | %.2f | %,.0f | %.2f |
                    | raw ceiling, again | %,d | %.2f | %,.0f | %.2f |
                    Heraldo, from each event's publish to its delivery: p50 %d ms, p99 %d ms, max %d ms
                    Heraldo, from the last publish to each delivery: p50 %d ms, p99 %d ms, max %d ms
                    Heraldo, deliveries received again (same webhook-id) by the time the last one arrived: %d
                    goal of issue 12: ratio >= 0.70 %s
                    """.formatted(LocalDateTime.now(), ENDPOINTS, EVENTS, expected,
                    Runtime.getRuntime().availableProcessors(), concurrency, bodyBytes / expected,
                    expected, heraldoSeconds, heraldoRate, heraldoRate / ceiling,
                    expected, ceilings.get(0).seconds(), ceilings.get(0).postsPerSecond(), ceilings.get(0).postsPerSecond() / ceiling,
                    expected, ceilings.get(1).seconds(), ceilings.get(1).postsPerSecond(), ceilings.get(1).postsPerSecond() / ceiling,
                    percentile(fromPublish, 50), percentile(fromPublish, 99), percentile(fromPublish, 100),
                    percentile(fromLastPublish, 50), percentile(fromLastPublish, 99), percentile(fromLastPublish, 100), repeated,
                    heraldoRate / ceiling >= 0.7 ? "met" : "NOT met");
            System.out.println(report);
            Files.createDirectories(Path.of("target", "bench"));
            Files.writeString(Path.of("target", "bench", "webhook-fanout.txt"), report + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } finally {
            ids.forEach(id -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).delete("/admin/v1/webhooks/" + id));
        }
    }

    /** The nearest-rank percentile of these nanosecond durations, in milliseconds. */
    private static long percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1_000_000;
    }
}
