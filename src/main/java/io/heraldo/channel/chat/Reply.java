package io.heraldo.channel.chat;

import java.time.Duration;

import io.heraldo.channel.SendResult;

/**
 * What a chat service made of one attempt: the result for the delivery log, and whether the destination is to be
 * disabled at once (an authentication error, a webhook URL that is gone), with the reason its listing shows.
 */
public record Reply(SendResult result, String disables) {

    /** The service took it; {@code externalId} is how it names the post (a later update may answer it), or null. */
    public static Reply sent(int status, String externalId) {
        return new Reply(new SendResult.Sent(status, externalId), null);
    }

    /**
     * Try again on the schedule; the service's own retry hint ({@code Retry-After}, {@code retry_after}) may
     * lengthen the wait, never shorten it.
     */
    public static Reply retry(String reason, Integer status, Duration hint) {
        return new Reply(new SendResult.Retry(reason, status, SendResult.RetryAfter.hint(hint)), null);
    }

    /** This message will never be taken (too long, malformed): recorded, not retried. */
    public static Reply failed(String reason, Integer status) {
        return new Reply(new SendResult.Failed(reason, status), null);
    }

    /** Nothing will be taken from this destination until an operator acts: disabled at once, with this reason. */
    public static Reply disable(String reason, Integer status) {
        return new Reply(new SendResult.Failed(reason + " (destination disabled)", status), reason);
    }
}
