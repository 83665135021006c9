package io.heraldo.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.heraldo.event.Channels;
import io.heraldo.event.InboundRecord;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Consumes status-events in batches, one at a time in partition order, and acknowledges a batch only after the
 * intake stored or dead-lettered all of it: offsets are committed after the change is durable.
 */
@ApplicationScoped
public class StatusEventListener {

    private final EventIntake intake;

    public StatusEventListener(EventIntake intake) {
        this.intake = intake;
    }

    @Incoming(Channels.STATUS_EVENTS)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<InboundRecord> records = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            IncomingKafkaRecordMetadata<?, ?> kafka = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
            records.add(new InboundRecord(kafka.getTopic(), kafka.getPartition(), kafka.getOffset(), record.getKey(),
                    headers(kafka.getHeaders()), record.getPayload()));
        }
        intake.accept(records);
        return batch.ack();
    }

    private static Map<String, String> headers(Headers kafkaHeaders) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : kafkaHeaders) {
            headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
