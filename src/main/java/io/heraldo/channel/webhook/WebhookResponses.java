package io.heraldo.channel.webhook;

import java.time.Duration;
import java.time.Instant;

import io.heraldo.channel.SendResult;
import io.heraldo.platform.http.RetryAfterHeader;

/**
 * What a receiver's answer means (plain rules). 2xx: delivered. 410: the receiver is gone for good, the endpoint is
 * disabled. Anything else, 4xx included, is retried as the contract (section 4) says and as Svix does: a receiver's
 * 400 or 404 is most often a deploy in progress or a bug fixed within the retry window, and the schedule bounds the
 * cost. Redirects are not followed (the target they name was never checked) and are retried like any failure.
 * {@code Retry-After} is passed on as a hint ({@link SendResult.RetryAfter.Hint}): it can lengthen a wait, up to
 * twice the scheduled one, never shorten it.
 */
public final class WebhookResponses {

    /** Read no further: the retry policy keeps a hint within twice the scheduled wait anyway. */
    static final Duration LONGEST_RETRY_AFTER = RetryAfterHeader.LONGEST;
    static final int ERROR_BODY_LIMIT = 1024;

    private WebhookResponses() {
    }

    public static SendResult classify(int status, String retryAfter, String body, Instant now) {
        if (status >= 200 && status < 300) {
            return new SendResult.Sent(status, null);
        }
        String reason = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + SendResult.reason(body, ERROR_BODY_LIMIT, ""));
        if (status == 410) {
            return new SendResult.Failed(reason + " (endpoint disabled)", status);
        }
        // Only a hint: the retry policy never lets it make a retry come sooner than the schedule says.
        return new SendResult.Retry(reason, status, SendResult.RetryAfter.hint(retryAfter(retryAfter, now)));
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; {@code null} when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        return RetryAfterHeader.parse(value, now);
    }
}
