package io.heraldo.channel.chat;

import java.time.Duration;
import java.time.Instant;

import io.heraldo.channel.SendResult;
import io.heraldo.platform.http.OutboundHttp;
import io.heraldo.platform.http.RetryAfterHeader;

/**
 * What an HTTP answer means when the service said nothing more precise: 2xx taken; 401, 403, 404 and 410 refuse
 * the destination for good (an authentication error, a webhook URL that is gone), which disables it; 429, 408 and
 * 5xx pass, retried with {@code Retry-After} as a hint; any other 4xx is about this message and is not retried.
 * Plain functions.
 */
public final class Replies {

    static final int REASON_LIMIT = 300;

    private Replies() {
    }

    /** The reply to an answer; {@code externalId} is used when it is a success. */
    public static Reply of(String service, OutboundHttp.Answer answer, String externalId, Instant now) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return Reply.sent(status, externalId);
        }
        String reason = service + " answered " + status + said(answer.body());
        if (refusesForGood(status)) {
            return Reply.disable(reason, status);
        }
        if (passes(status)) {
            return Reply.retry(reason, status, RetryAfterHeader.parse(answer.retryAfter(), now));
        }
        return Reply.failed(reason, status);
    }

    /** An authentication error or a URL that is gone. */
    public static boolean refusesForGood(int status) {
        return status == 401 || status == 403 || status == 404 || status == 410;
    }

    /** A rate limit, a timeout or a server error. */
    public static boolean passes(int status) {
        return status == 429 || status == 408 || status >= 500;
    }

    /** The longer of a service's own hint and its {@code Retry-After} header. */
    public static Duration hint(Duration own, String retryAfter, Instant now) {
        Duration header = RetryAfterHeader.parse(retryAfter, now);
        if (own == null) {
            return header;
        }
        Duration bounded = RetryAfterHeader.bounded(own);
        return header == null || bounded.compareTo(header) >= 0 ? bounded : header;
    }

    /** {@code ": <the body's first line>"}, or nothing when the body is empty. */
    public static String said(String body) {
        String text = SendResult.reason(body, REASON_LIMIT, "");
        return text.isEmpty() ? "" : ": " + text;
    }
}
