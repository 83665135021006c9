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
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.channel.chat.ChatConfig;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Chat fan-out benchmark (docs/benchmarks.md, "Chat fan-out"): 1,000 chat destinations of the webhook-style types
 * (Slack incoming webhook, Discord, Teams Workflows, Mattermost, Google Chat; a fifth each, half in Spanish, half in
 * English) on one local {@link ChatSink}, which answers as each service does; after a warm-up of the same size, 10
 * incidents published at once: 10,000
 * messages, each destination hearing of each incident. The private-network guard lets the loopback through as for
 * the webhook benchmark ({@code heraldo.webhook.allow-private-targets=true} of the shared test servers). Then, in the
 * same run and to the same receiver, the raw ceiling: {@link RawWebhookPoster} posting the very requests Heraldo
 * sent (URIs and bodies) with Heraldo's own concurrency ({@code heraldo.chat.concurrency}), twice. Reports
 * messages/s, the ratio, and the latency from publish to delivery; appended to {@code target/bench/chat-fanout.txt}.
 * <p>
 * {@code ./mvnw -B -o -Pbench test -Dtest=ChatFanoutBenchTest} ({@code -Dbench.destinations=}, {@code -Dbench.events=},
 * {@code -Dbench.warm-up-events=}, 0 for none)
 */
@Tag("bench")
@QuarkusTest
class ChatFanoutBenchTest {

    private static final int DESTINATIONS = Integer.getInteger("bench.destinations", 1_000);
    private static final int EVENTS = Integer.getInteger("bench.events", 10);
    private static final int WARM_UP_EVENTS = Integer.getInteger("bench.warm-up-events", 10);
    private static final List<String> TYPES = List.of("slack", "discord", "teams", "mattermost", "googlechat");

    @Inject
    ChatConfig config;

    @Test
    void fanOut() throws Exception {
        String component = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        try (ChatSink sink = new ChatSink()) {
            for (int i = 0; i < DESTINATIONS; i++) {
                String type = TYPES.get(i % TYPES.size());
                String id = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                        .body(Map.of("type", type, "url", sink.url(path(type, i)), "components", List.of(component),
                                "lang", i % 2 == 0 ? "es" : "en", "name", "bench " + i))
                        .post("/admin/v1/destinations").then().statusCode(201).extract().path("id");
                ids.add(id);
            }
            // Heraldo's warm-up, as a long-running server is warm: the same fan-out once, not measured.
            BenchIncidents.open(component, "warm", WARM_UP_EVENTS, new HashMap<>());
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sink.distinct() >= (long) DESTINATIONS * WARM_UP_EVENTS);
            sink.reset();
            Map<String, Long> publishedAt = new HashMap<>();
            long start = System.nanoTime();
            BenchIncidents.open(component, "inc", EVENTS, publishedAt);
            long lastPublish = System.nanoTime();
            int expected = DESTINATIONS * EVENTS;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> sink.distinct() >= expected);
            double heraldoSeconds = (sink.lastNewNanos() - start) / 1e9;
            List<ChatSink.Received> all = sink.received();
            // At least once: a message may come twice; each is counted once, at its first arrival.
            Set<String> seen = new HashSet<>();
            List<ChatSink.Received> received = all.stream().filter(r -> seen.add(r.key())).toList();
            assertThat(received).hasSize(expected)
                    .allSatisfy(r -> assertThat(publishedAt).containsKey(r.incident()));
            assertThat(received.stream().map(ChatSink.Received::path).distinct()).hasSize(DESTINATIONS);
            long repeated = all.size() - expected;
            long[] fromPublish = new long[expected];
            long[] fromLastPublish = new long[expected];
            Map<String, long[]> perType = new TreeMap<>(); // messages, body bytes
            for (int i = 0; i < expected; i++) {
                ChatSink.Received r = received.get(i);
                fromPublish[i] = r.arrivedAt() - publishedAt.get(r.incident());
                fromLastPublish[i] = r.arrivedAt() - lastPublish;
                long[] sums = perType.computeIfAbsent(r.service(), t -> new long[2]);
                sums[0]++;
                sums[1] += r.body().length();
            }
            assertThat(perType).containsOnlyKeys(TYPES);

            // The raw ceiling: the same requests, receiver and concurrency; twice, the first one warming the client.
            int concurrency = config.concurrency();
            byte[][] requests = RawWebhookPoster.encode(received.stream()
                    .map(r -> new RawWebhookPoster.Post(r.uri(), Map.of("User-Agent", "Heraldo-Chat/1"), r.body()))
                    .toList(), "127.0.0.1:" + sink.port());
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
            StringBuilder types = new StringBuilder();
            perType.forEach((type, sums) -> types.append(types.isEmpty() ? "" : ", ").append(type).append(' ')
                    .append(String.format("%,d", sums[0])).append(" (").append(String.format("%,d", sums[1] / sums[0]))
                    .append(" B)"));
            String report = """
                    Chat fan-out benchmark (ChatFanoutBenchTest), %s
                    %,d destinations x %d events = %,d messages to one ChatSink (Vert.x, answering as each service); %d cores;
                    concurrency %d (heraldo.chat.concurrency; %d per destination) for Heraldo and the ceiling
                    messages by type (average body): %s
                    | run | messages | seconds | messages/s | ratio |
                    | --- | --- | --- | --- | --- |
                    | Heraldo, first publish -> last message | %,d | %.2f | %,.0f | %.2f |
                    | raw ceiling (RawWebhookPoster, same requests) | %,d | %.2f | %,.0f | %.2f |
                    | raw ceiling, again | %,d | %.2f | %,.0f | %.2f |
                    Heraldo, from each event's publish to its message: p50 %d ms, p99 %d ms, max %d ms
                    Heraldo, from the last publish to each message: p50 %d ms, p99 %d ms, max %d ms
                    Heraldo, messages received again by the time the last one arrived: %d
                    """.formatted(LocalDateTime.now(), DESTINATIONS, EVENTS, expected,
                    Runtime.getRuntime().availableProcessors(), concurrency, config.destinationConcurrency(), types,
                    expected, heraldoSeconds, heraldoRate, heraldoRate / ceiling,
                    expected, ceilings.get(0).seconds(), ceilings.get(0).postsPerSecond(), ceilings.get(0).postsPerSecond() / ceiling,
                    expected, ceilings.get(1).seconds(), ceilings.get(1).postsPerSecond(), ceilings.get(1).postsPerSecond() / ceiling,
                    percentile(fromPublish, 50), percentile(fromPublish, 99), percentile(fromPublish, 100),
                    percentile(fromLastPublish, 50), percentile(fromLastPublish, 99), percentile(fromLastPublish, 100),
                    repeated);
            System.out.println(report);
            Files.createDirectories(Path.of("target", "bench"));
            Files.writeString(Path.of("target", "bench", "chat-fanout.txt"), report + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } finally {
            ids.forEach(id -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).delete("/admin/v1/destinations/" + id));
        }
    }

    /** Where destination {@code i} of {@code type} posts: the shape of the service's webhook URLs, under its name. */
    private static String path(String type, int i) {
        return switch (type) {
            case "slack" -> "/slack/services/T0BENCH/B" + i + "/secret" + i;
            case "discord" -> "/discord/api/webhooks/" + (100_000 + i) + "/token" + i;
            case "teams" -> "/teams/workflows/w" + i + "/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s" + i;
            case "mattermost" -> "/mattermost/hooks/h" + i;
            case "googlechat" -> "/googlechat/v1/spaces/S" + i + "/messages?key=k&token=t" + i;
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** The nearest-rank percentile of these nanosecond durations, in milliseconds. */
    private static long percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1_000_000;
    }
}
