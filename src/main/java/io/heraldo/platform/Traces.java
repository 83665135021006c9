package io.heraldo.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * One trace from a status event to every delivery it causes: the intake opens a span per event (under the
 * producer's {@code traceparent}, when it sent one), the notification keeps that span's context in the database so
 * the planner (another thread, maybe another replica) continues the trace, the planner's context travels in the
 * headers of the {@code heraldo-deliveries} records, and each send is a span under it. Spans carry ids, types and
 * channels, never an address or any text of the event. With the OpenTelemetry SDK off (the default) every span is a
 * no-op and nothing is added to records.
 */
@ApplicationScoped
public class Traces {

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final TextMapGetter<Headers> HEADERS_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public Traces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.heraldo");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The span of one status event being applied, under the producer's trace when its record carried one. */
    public Span startEvent(Map<String, String> recordHeaders, String eventId, String type) {
        Context parent = propagator.extract(Context.root(), recordHeaders, MAP_GETTER);
        return tracer.spanBuilder("status-event apply").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("heraldo.event.id", eventId)
                .setAttribute("heraldo.event.type", type)
                .startSpan();
    }

    /** The current context as W3C headers ({@code traceparent}), to be stored; empty without a sampled span. */
    public Map<String, String> current() {
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(Context.current(), carrier, (map, key, value) -> map.put(key, value));
        return carrier;
    }

    /** The stored {@code traceparent} of {@link #current()}, or {@code null}. */
    public String currentTraceParent() {
        return current().get("traceparent");
    }

    /** The span of planning one notification on one channel, under the event's stored trace. */
    public Span startPlan(String traceParent, String notificationId, String channel) {
        return tracer.spanBuilder("fanout plan " + channel).setParent(fromTraceParent(traceParent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("heraldo.notification.id", notificationId)
                .setAttribute("heraldo.channel", channel)
                .startSpan();
    }

    /** Adds the current trace context to a record's headers. */
    public void inject(Headers headers) {
        propagator.inject(Context.current(), headers,
                (carrier, key, value) -> carrier.add(key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The trace context of a record, or {@code null} when it carries none. */
    public Context extract(Headers headers) {
        Context context = propagator.extract(Context.root(), headers, HEADERS_GETTER);
        return Span.fromContext(context).getSpanContext().isValid() ? context : null;
    }

    /** A context from a stored {@code traceparent}: the root context when there is none. */
    public Context fromTraceParent(String traceParent) {
        if (traceParent == null) {
            return Context.root();
        }
        return propagator.extract(Context.root(), Map.of("traceparent", traceParent), MAP_GETTER);
    }

    /** The span of one send; attributes name the channel and the delivery, never the recipient. */
    public Span startDelivery(Context parent, String channel, String deliveryId, String notificationId, int attempt) {
        return tracer.spanBuilder("deliver " + channel).setParent(parent == null ? Context.root() : parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("heraldo.channel", channel)
                .setAttribute("heraldo.delivery.id", deliveryId)
                .setAttribute("heraldo.notification.id", notificationId)
                .setAttribute("heraldo.delivery.attempt", attempt)
                .startSpan();
    }
}
