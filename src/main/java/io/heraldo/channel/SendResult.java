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
     * @param after what the other side said about when (see {@link RetryAfter}), else {@code null}: the schedule
     */
    record Retry(String reason, Integer statusCode, RetryAfter after) implements SendResult {
    }

    /**
     * When to try again, beside the channel's schedule. The two kinds differ in who is trusted: a receiver's hint may
     * only slow Heraldo down, never make it retry sooner than the schedule; a time Heraldo knows nothing can pass
     * before is waited as it is, however it compares with the schedule.
     */
    sealed interface RetryAfter {

        Duration delay();

        /**
         * A receiver's suggestion ({@code Retry-After}, a service's own retry hint): honoured between the scheduled
         * wait and twice that, so a {@code Retry-After: 0} cannot burn every attempt in seconds and a far one cannot
         * park a delivery for days.
         */
        record Hint(Duration delay) implements RetryAfter {
        }

        /**
         * A time before which trying cannot succeed and from which it may: a rate limit's reset, an earlier update
         * of the same thread still to go, the next probe of refused credentials.
         */
        record NotBefore(Duration delay) implements RetryAfter {
        }

        /** The receiver's hint, or {@code null} when it gave none. */
        static RetryAfter hint(Duration delay) {
            return delay == null ? null : new Hint(delay);
        }
    }

    /** A failure that will not pass (SMTP 5xx on the recipient, a duplicate tweet): recorded, never retried. */
    record Failed(String reason, Integer statusCode) implements SendResult {
    }
}
