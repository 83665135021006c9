package io.heraldo.event;

import java.util.Map;

/** One record of the status-events topic, as the intake needs it. */
public record InboundRecord(String topic, int partition, long offset, String key, Map<String, String> headers,
        byte[] value) {
}
