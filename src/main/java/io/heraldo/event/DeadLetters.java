package io.heraldo.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends records that cannot be understood to the dead-letter topic, with the reason and where they came from in
 * the contract's headers. The send is awaited: the source offset is committed only once the dead letter is safe.
 */
// Created at start-up, so its counter is exported (as zero) before the first dead letter.
@Startup
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<byte[]> emitter;
    private final Counter deadLettered;

    public DeadLetters(@Channel(Channels.DEAD_LETTERS) MutinyEmitter<byte[]> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.deadLettered = Counter.builder("heraldo.events.dead.lettered")
                .description("Status event records sent to the dead-letter topic")
                .register(registry);
    }

    public void send(InboundRecord record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, String> header : record.headers().entrySet()) {
            if (!header.getKey().startsWith("dead-letter-")) {
                headers.add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        emitter.sendMessage(Message.of(record.value() == null ? new byte[0] : record.value()).addMetadata(metadata))
                .await().atMost(Duration.ofSeconds(60));
        deadLettered.increment();
        LOG.warnf("Dead-lettered %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
    }
}
