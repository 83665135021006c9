package io.heraldo.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

class WebhookSecretTest {

    @Test
    void signaturesVerifyWithTheReferenceLibrary() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        assertThat(secret.text()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.text().substring(6))).hasSizeGreaterThanOrEqualTo(24);
        String body = "{\"type\":\"incident.opened\",\"data\":{\"x\":\"ñ\"}}";
        long timestamp = Instant.now().getEpochSecond();
        String signature = secret.sign("dlv_abc", timestamp, body.getBytes(StandardCharsets.UTF_8));
        new Webhook(secret.text()).verify(body, headers("dlv_abc", timestamp, signature));
        assertThatThrownBy(() -> new Webhook(WebhookSecret.generate().text()).verify(body,
                headers("dlv_abc", timestamp, signature))).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(secret.text()).verify(body, headers("dlv_other", timestamp, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void theStandardWebhooksTestVector() {
        // From the Standard Webhooks specification's examples.
        WebhookSecret secret = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void givenSecretsAreChecked() {
        assertThatThrownBy(() -> WebhookSecret.parse("abc")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_!!!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("24 to 64 bytes");
        assertThat(WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[24])).masked())
                .startsWith("whsec_AAAA").hasSize(11);
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
