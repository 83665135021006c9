package io.heraldo.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes status events to the status-events topic in structured mode, keyed by subject, and returns once Kafka
 * acknowledged the record. Used by the admin API and the maintenance clock, so their events take the same path as
 * any producer's.
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final EventParser parser;

    public EventPublisher(@Channel(Channels.STATUS_EVENTS_OUT) MutinyEmitter<byte[]> emitter, EventParser parser) {
        this.emitter = emitter;
        this.parser = parser;
    }

    /**
     * Validates a structured CloudEvent and publishes it as it is.
     *
     * @throws InvalidEventException when it is not a valid status event
     */
    public StatusEvent publish(byte[] structuredEvent) {
        StatusEvent event = parser.fromStructured(structuredEvent);
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", EventParser.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(event.subject())
                .withHeaders(headers)
                .build();
        emitter.sendMessage(Message.of(structuredEvent).addMetadata(metadata)).await().atMost(Duration.ofSeconds(30));
        return event;
    }
}
