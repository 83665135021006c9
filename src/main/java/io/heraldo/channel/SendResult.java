package io.heraldo.channel;

import java.time.Duration;

/** What became of one attempt. */
public sealed interface SendResult {

    /** The receiver accepted it. */
    record Sent(Integer statusCode, String externalId) implements SendResult {
    }

    /**
     * A failure that may pass: try again.
     *
     * @param after when the receiver said (Retry-After, a rate-limit reset), else {@code null} for the schedule
     */
    record Retry(String reason, Integer statusCode, Duration after) implements SendResult {
    }

    /** A failure that will not pass (SMTP 5xx on the recipient, a duplicate tweet): recorded, never retried. */
    record Failed(String reason, Integer statusCode) implements SendResult {
    }
}
