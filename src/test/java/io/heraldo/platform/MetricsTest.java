package io.heraldo.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.ManagementPort;
import io.heraldo.TestKafka;
import io.heraldo.audience.SubscriberRepository;
import io.heraldo.channel.twitter.InjectLocalTwitter;
import io.heraldo.channel.twitter.LocalTwitter;
import io.heraldo.channel.webhook.WebhookEndpoint;
import io.heraldo.channel.webhook.WebhookEndpoints;
import io.heraldo.channel.webhook.WebhookSecret;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every {@code heraldo_*} metric is on {@code /q/metrics} from the start, and moves with what happens. The
 * application is shared by every test, so values are compared before and after, never with absolute numbers.
 */
@QuarkusTest
class MetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> CHANNELS = List.of("email", "twitter", "mastodon", "bluesky", "webhook");

    @InjectLocalTwitter
    LocalTwitter twitter;

    @Inject
    SubscriberRepository subscribers;

    @Inject
    WebhookEndpoints endpoints;

    @Test
    void everySeriesExistsBeforeAnythingHappensToIt() {
        String metrics = scrape();
        List<String> expected = new ArrayList<>(List.of(
                "heraldo_events_applied_total{type=\"incident.opened\"}",
                "heraldo_events_applied_total{type=\"component.status_changed\"}",
                "heraldo_events_duplicated_total",
                "heraldo_events_dead_lettered_total",
                "heraldo_webhook_endpoints_disabled"));
        for (String state : List.of("pending", "confirmed", "unsubscribed", "suppressed")) {
            expected.add("heraldo_subscribers{state=\"" + state + "\"}");
        }
        for (String channel : CHANNELS) {
            for (String outcome : List.of("sent", "failed", "retrying", "dead")) {
                expected.add("heraldo_deliveries_total{channel=\"" + channel + "\",outcome=\"" + outcome + "\"}");
            }
            expected.add("heraldo_fanout_backlog{channel=\"" + channel + "\"}");
            expected.add("heraldo_delivery_latency_seconds_count{channel=\"" + channel + "\"}");
            expected.add("heraldo_delivery_latency_seconds_sum{channel=\"" + channel + "\"}");
            expected.add("heraldo_delivery_latency_seconds_bucket{channel=\"" + channel + "\",le=\"1.0\"}");
            expected.add("heraldo_delivery_latency_seconds_bucket{channel=\"" + channel + "\",le=\"300.0\"}");
            expected.add("heraldo_delivery_latency_seconds_bucket{channel=\"" + channel + "\",le=\"+Inf\"}");
        }
        for (String series : expected) {
            assertThat(value(metrics, series)).as(series).isNotNull();
        }
    }

    @Test
    void aTweetCountsAsSentOnTwitterWithItsLatencyFromTheEvent() {
        String metrics = scrape();
        double sentBefore = value(metrics, "heraldo_deliveries_total{channel=\"twitter\",outcome=\"sent\"}");
        double latencyBefore = value(metrics, "heraldo_delivery_latency_seconds_count{channel=\"twitter\"}");
        double appliedBefore = value(metrics, "heraldo_events_applied_total{type=\"incident.opened\"}");

        String incident = "inc-metrics-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.publishStructured(incident, """
                {"specversion": "1.0", "id": "%s-1", "source": "/test", "type": "incident.opened",
                 "data": {"incident": {"id": "%s", "title": "Metrics %s", "status": "investigating", "impact": "minor",
                          "components": {}},
                          "update": {"body": "Counting."}, "notify": ["twitter"]}}""".formatted(incident, incident, incident));

        await().atMost(WAIT).until(() -> !twitter.tweetsContaining(incident).isEmpty());
        await().atMost(WAIT).untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, "heraldo_events_applied_total{type=\"incident.opened\"}"))
                    .isGreaterThanOrEqualTo(appliedBefore + 1);
            assertThat(value(after, "heraldo_deliveries_total{channel=\"twitter\",outcome=\"sent\"}"))
                    .isGreaterThanOrEqualTo(sentBefore + 1);
            assertThat(value(after, "heraldo_delivery_latency_seconds_count{channel=\"twitter\"}"))
                    .isGreaterThanOrEqualTo(latencyBefore + 1);
        });
    }

    @Test
    void aSuppressedSubscriberShowsInTheStateGauge() {
        double suppressedBefore = value(scrape(), "heraldo_subscribers{state=\"suppressed\"}");
        String email = "gauge@metrics-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).contentType("text/csv")
                .body("email,locale,components\n" + email + ",es,\n")
                .post("/admin/v1/subscribers/import").then().statusCode(200);
        subscribers.suppress(subscribers.byEmail(email).orElseThrow().id());

        await().atMost(WAIT).untilAsserted(() -> assertThat(value(scrape(), "heraldo_subscribers{state=\"suppressed\"}"))
                .isGreaterThanOrEqualTo(suppressedBefore + 1));
    }

    @Test
    void aDisabledWebhookEndpointShowsInItsGauge() {
        double disabledBefore = value(scrape(), "heraldo_webhook_endpoints_disabled");
        WebhookEndpoint endpoint = endpoints.create("http://127.0.0.1:9/metrics-" + UUID.randomUUID(),
                WebhookSecret.generate(), List.of(), List.of());
        endpoints.disable(endpoint.id(), "410 Gone");

        await().atMost(WAIT).untilAsserted(() -> assertThat(value(scrape(), "heraldo_webhook_endpoints_disabled"))
                .isGreaterThanOrEqualTo(disabledBefore + 1));
        endpoints.delete(endpoint.id());
    }

    static String scrape() {
        return ManagementPort.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series, e.g. {@code name{label="value"}}, or {@code null} when it is not there. */
    static Double value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]);
            }
        }
        return null;
    }
}
