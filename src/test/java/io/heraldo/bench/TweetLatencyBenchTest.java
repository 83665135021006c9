package io.heraldo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heraldo.TestKafka;
import io.heraldo.channel.twitter.InjectLocalTwitter;
import io.heraldo.channel.twitter.LocalTwitter;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tweet latency (docs/twitter.md): from {@code incident.opened} acknowledged by Kafka to the tweet accepted by the
 * local X stand-in (signature verified), for 20 incidents one after the other. Goal: at most 1 s.
 */
@Tag("bench")
@QuarkusTest
class TweetLatencyBenchTest {

    private static final int INCIDENTS = 20;

    @InjectLocalTwitter
    LocalTwitter twitter;

    @Test
    void incidentOpenedToTweetAccepted() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            String incident = "inc-bench-" + run + "-" + i;
            long published = System.currentTimeMillis();
            TestKafka.publishStructured(incident, """
                    {"specversion": "1.0", "id": "%s-1", "source": "/bench", "type": "incident.opened",
                     "data": {"incident": {"id": "%s", "title": "Latencia %s", "status": "investigating",
                              "impact": "minor", "components": {}}, "update": {"body": "Lo estamos revisando."}}}"""
                    .formatted(incident, incident, incident));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> !twitter.tweetsContaining(incident).isEmpty());
            long accepted = twitter.tweetsContaining(incident).get(0).acceptedAt().toEpochMilli();
            millis.add(accepted - published);
        }
        List<Long> inOrder = List.copyOf(millis);
        Collections.sort(millis);
        long p50 = millis.get(millis.size() / 2);
        long max = millis.get(millis.size() - 1);
        System.out.printf("Tweet latency over %d incidents: p50 %d ms, max %d ms, in publish order %s%n", INCIDENTS, p50,
                max, inOrder);
        assertThat(p50).isLessThanOrEqualTo(1_000);
    }
}
