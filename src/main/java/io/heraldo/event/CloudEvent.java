package io.heraldo.event;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The CloudEvents 1.0 envelope of a status event, whichever mode it arrived in. */
public record CloudEvent(String id, String source, String type, String subject, OffsetDateTime time, ObjectNode data) {
}
