package io.heraldo.channel;

import java.time.Duration;

/** What became of one attempt. */
public sealed interface SendResult {

    /**
     * A receiver's answer or an exception message made fit for a reason in the delivery log: one line, at most
     * {@code max} characters (an ellipsis marks a cut), {@code whenEmpty} when there is nothing to say.
     */
    static String reason(String text, int max, String whenEmpty) {
        if (text == null || text.isBlank()) {
            return whenEmpty;
        }
        String line = text.replaceAll("[\\r\\n\\t]+", " ").trim();
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }

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
