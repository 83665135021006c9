package io.heraldo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The chat benchmark's receiver and raw ceiling work together: every request the raw poster sends arrives once, each
 * service's path gets that service's answer (a 2xx the poster counts as success), and messages are told apart by
 * destination and incident link.
 */
class ChatSinkTest {

    @Test
    void everyServiceIsAnsweredAndEveryMessageCountedOnce() throws Exception {
        try (ChatSink sink = new ChatSink()) {
            List<String> paths = List.of("/slack/services/T0/B1/x", "/discord/api/webhooks/1/t?wait=true",
                    "/teams/workflows/1/invoke?sig=s", "/mattermost/hooks/1",
                    "/googlechat/v1/spaces/S1/messages?key=k&threadKey=inc-a");
            List<RawWebhookPoster.Post> posts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = "{\"text\":\"<http://localhost/incidents/inc-" + i / 5 + "|Open>\",\"x\":\"" + "y".repeat(600)
                        + "\"}";
                posts.add(new RawWebhookPoster.Post(paths.get(i % 5), Map.of(), body));
            }
            RawWebhookPoster.Result result = new RawWebhookPoster("127.0.0.1", sink.port(), 8)
                    .post(RawWebhookPoster.encode(posts, "127.0.0.1:" + sink.port()));

            assertThat(result.failures()).isZero();
            assertThat(sink.count()).isEqualTo(200);
            assertThat(sink.distinct()).isEqualTo(200);
            Map<String, Long> byService = sink.received().stream()
                    .collect(Collectors.groupingBy(ChatSink.Received::service, Collectors.counting()));
            assertThat(byService).containsOnlyKeys("slack", "discord", "teams", "mattermost", "googlechat")
                    .allSatisfy((service, n) -> assertThat(n).isEqualTo(40));
            assertThat(sink.received()).allSatisfy(r -> assertThat(r.incident()).startsWith("inc-"));

            // the same message again is a repeat, not a new one; an unknown service is refused
            sink.reset();
            RawWebhookPoster.Result again = new RawWebhookPoster("127.0.0.1", sink.port(), 2)
                    .post(RawWebhookPoster.encode(List.of(posts.get(0), posts.get(0),
                            new RawWebhookPoster.Post("/irc/1", Map.of(), "{}")), "127.0.0.1:" + sink.port()));
            assertThat(again.failures()).isEqualTo(1);
            assertThat(sink.count()).isEqualTo(3);
            assertThat(sink.distinct()).isEqualTo(2);
        }
    }

    @Test
    void theIncidentIsReadFromTheLinkInAnyMarkup() {
        assertThat(ChatSink.incidentOf("{\"url\":\"http://h/incidents/inc-x.1:2_3\"}")).isEqualTo("inc-x.1:2_3");
        assertThat(ChatSink.incidentOf("[Open](http://h/es/incidents/inc-7)")).isEqualTo("inc-7");
        assertThat(ChatSink.incidentOf("<http://h/incidents/inc-7|Abrir>")).isEqualTo("inc-7");
        assertThat(ChatSink.incidentOf("{\"text\":\"no link\"}")).isNull();
    }
}
