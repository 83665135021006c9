package io.heraldo.channel.slack;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.heraldo.channel.chat.Replies;
import io.heraldo.channel.chat.Reply;
import io.heraldo.platform.http.OutboundHttp;
import io.heraldo.platform.http.RetryAfterHeader;

/**
 * What Slack's answers mean. The Web API answers 200 with {@code {"ok": false, "error"}} for most failures: a
 * refused token or channel disables the destination, {@code ratelimited} (also as HTTP 429) waits
 * {@code Retry-After}, Slack's own trouble is retried, anything else is about this message. An incoming webhook
 * answers {@code ok}, or an HTTP error read by the common rules. Plain functions.
 */
final class SlackReplies {

    /** Errors that no retry cures: the token, the workspace or the channel refuses Heraldo. */
    static final Set<String> REFUSALS = Set.of("invalid_auth", "not_authed", "account_inactive", "token_revoked",
            "token_expired", "no_permission", "missing_scope", "channel_not_found", "is_archived", "not_in_channel",
            "org_login_required", "ekm_access_denied", "access_denied", "team_access_not_granted", "restricted_action",
            "enterprise_is_restricted", "invalid_token");
    /** Slack's own trouble: it may pass. */
    static final Set<String> PASSING = Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable",
            "request_timeout");

    private SlackReplies() {
    }

    static Reply webhook(OutboundHttp.Answer answer, Instant now) {
        return Replies.of("Slack", answer, null, now);
    }

    static Reply api(OutboundHttp.Answer answer, JsonNode body, Instant now) {
        int status = answer.status();
        String error = body.path("error").asText("");
        if (status == 200 && body.path("ok").asBoolean(false)) {
            String ts = body.path("ts").asText(null);
            return Reply.sent(status, ts);
        }
        if (status == 429 || "ratelimited".equals(error)) {
            return Reply.retry("Slack is rate limiting (ratelimited)", status,
                    RetryAfterHeader.parse(answer.retryAfter(), now));
        }
        if (status != 200) {
            return Replies.of("Slack", answer, null, now);
        }
        if (REFUSALS.contains(error)) {
            return Reply.disable("Slack refused the bot token or channel: " + error, status);
        }
        if (PASSING.contains(error)) {
            return Reply.retry("Slack answered " + error, status, RetryAfterHeader.parse(answer.retryAfter(), now));
        }
        return Reply.failed("Slack refused the message: " + (error.isEmpty() ? "no ok in its answer" : error), status);
    }
}
