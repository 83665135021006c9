package io.heraldo.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.heraldo.TestKafka;
import io.heraldo.channel.twitter.InjectLocalTwitter;
import io.heraldo.channel.twitter.LocalTwitter;
import io.heraldo.fanout.DeliveryPages;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the OpenTelemetry SDK on, one trace runs from the producer's record through the intake, the planner and the
 * deliveries topic to each send. The SDK is off in every other test, so this class has a profile of its own (one
 * more application start).
 */
@QuarkusTest
@TestProfile(TracingTest.TracingOn.class)
class TracingTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "50ms",
                    "quarkus.otel.traces.sampler", "always_on");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    InMemorySpanExporter spans;

    @InjectLocalTwitter
    LocalTwitter twitter;

    @Test
    void aTraceRunsFromTheEventThroughTheDeliveriesTopicToTheSend() {
        String incident = "inc-trace-" + UUID.randomUUID().toString().substring(0, 8);
        String traceId = HexFormat.of().formatHex(UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .getBytes(StandardCharsets.US_ASCII));
        String producerSpan = "00f067aa0ba902b7";
        TestKafka.publish(incident, """
                {"specversion": "1.0", "id": "%s-1", "source": "/test", "type": "incident.opened",
                 "data": {"incident": {"id": "%s", "title": "Trace %s", "status": "investigating", "impact": "minor",
                          "components": {}},
                          "update": {"body": "Tracing."}, "notify": ["twitter"]}}"""
                .formatted(incident, incident, incident).getBytes(StandardCharsets.UTF_8),
                Map.of("content-type", "application/cloudevents+json",
                        "traceparent", "00-" + traceId + "-" + producerSpan + "-01"));

        await().atMost(WAIT).until(() -> !twitter.tweetsContaining(incident).isEmpty());

        List<SpanData> trace = await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId)).toList(),
                found -> found.stream().anyMatch(span -> span.getName().equals("deliver twitter")));

        SpanData event = named(trace, "status-event apply");
        assertThat(event.getParentSpanId()).isEqualTo(producerSpan);
        assertThat(event.getAttributes().get(AttributeKey.stringKey("heraldo.event.id"))).isEqualTo(incident + "-1");
        assertThat(event.getAttributes().get(AttributeKey.stringKey("heraldo.event.type"))).isEqualTo("incident.opened");

        SpanData plan = named(trace, "fanout plan twitter");
        assertThat(plan.getParentSpanId()).isEqualTo(event.getSpanId());

        SpanData send = named(trace, "deliver twitter");
        assertThat(send.getParentSpanId()).isEqualTo(plan.getSpanId());
        assertThat(send.getAttributes().get(AttributeKey.stringKey("heraldo.channel"))).isEqualTo("twitter");
        assertThat(send.getAttributes().get(AttributeKey.stringKey("heraldo.delivery.outcome"))).isEqualTo("sent");
        assertThat(send.getAttributes().get(AttributeKey.stringKey("heraldo.notification.id"))).isEqualTo(incident + "-1");

        // The context crossed the deliveries topic in the record's W3C traceparent header.
        ConsumerRecord<String, byte[]> record = deliveryRecordOf(incident + "-1");
        assertThat(TestKafka.header(record, "traceparent")).startsWith("00-" + traceId + "-" + plan.getSpanId() + "-");

        // Spans name ids and channels, never what was said or to whom.
        for (SpanData span : trace) {
            span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value)).as(key.getKey())
                    .doesNotContain("@").doesNotContain("Tracing."));
        }
    }

    private static SpanData named(List<SpanData> trace, String name) {
        return trace.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span '" + name + "' in " + trace.stream().map(SpanData::getName).toList()));
    }

    private static ConsumerRecord<String, byte[]> deliveryRecordOf(String notificationId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            // The first (and only) page of the notification's Twitter plan.
            String page = DeliveryPages.pageId(notificationId, "twitter", 0);
            consumer.subscribe(List.of("heraldo-deliveries.twitter"));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (new String(record.value(), StandardCharsets.UTF_8).equals(page)) {
                        found.add(record);
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }
}
