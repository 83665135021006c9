package io.heraldo.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.SendResult;

class WebhookResponsesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void twoHundredsAreDelivered() {
        assertThat(WebhookResponses.classify(200, null, "ok", NOW)).isEqualTo(new SendResult.Sent(200, null));
        assertThat(WebhookResponses.classify(204, null, "", NOW)).isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void goneIsFinal() {
        assertThat(WebhookResponses.classify(410, null, "bye", NOW)).isInstanceOfSatisfying(SendResult.Failed.class,
                f -> assertThat(f.statusCode()).isEqualTo(410));
    }

    @Test
    void everythingElseIsRetriedWithRetryAfterAsAHint() {
        assertThat(WebhookResponses.classify(429, "7", null, NOW))
                .isEqualTo(new SendResult.Retry("HTTP 429", 429, new SendResult.RetryAfter.Hint(Duration.ofSeconds(7))));
        assertThat(WebhookResponses.classify(503, "Tue, 24 Nov 2026 12:02:00 GMT", "down", NOW)).isEqualTo(
                new SendResult.Retry("HTTP 503: down", 503, new SendResult.RetryAfter.Hint(Duration.ofMinutes(2))));
        // only a hint, never a time that overrides the schedule (which would let 0 retry at once)
        assertThat(WebhookResponses.classify(503, "0", null, NOW))
                .isEqualTo(new SendResult.Retry("HTTP 503", 503, new SendResult.RetryAfter.Hint(Duration.ZERO)));
        assertThat(WebhookResponses.classify(500, null, null, NOW)).isEqualTo(new SendResult.Retry("HTTP 500", 500, null));
        assertThat(WebhookResponses.classify(404, null, null, NOW)).isInstanceOf(SendResult.Retry.class);
        assertThat(WebhookResponses.classify(301, null, null, NOW)).isInstanceOf(SendResult.Retry.class);
    }

    @Test
    void retryAfterIsBoundedAndReadLeniently() {
        assertThat(WebhookResponses.retryAfter("999999999", NOW)).isEqualTo(WebhookResponses.LONGEST_RETRY_AFTER);
        assertThat(WebhookResponses.retryAfter("Tue, 24 Nov 2026 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(WebhookResponses.retryAfter("soon", NOW)).isNull();
        assertThat(WebhookResponses.retryAfter(" 3 ", NOW)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void bodiesAreTruncatedToOneKilobyteOnOneLine() {
        SendResult.Retry retry = (SendResult.Retry) WebhookResponses.classify(500, null, "x\n".repeat(5000), NOW);
        assertThat(retry.reason()).doesNotContain("\n").hasSizeLessThan(1100);
    }
}
