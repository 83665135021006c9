package io.heraldo.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.heraldo.admin.AdminTokens;

class IntegrationsAuthenticationTest {

    @Test
    void withoutATokenConfiguredEveryRequestIsRefused() {
        AdminTokens unset = new AdminTokens(Optional.empty());
        for (String presented : new String[] { null, "Bearer ", "Bearer anything" }) {
            assertThat(IntegrationsAuthentication.refusal(unset, presented))
                    .hasValue("the integrations are closed: set heraldo.integrations.token to open them");
        }
        assertThat(IntegrationsAuthentication.refusal(new AdminTokens(Optional.of("  ")), "Bearer   ")).isPresent();
    }

    @Test
    void onlyTheConfiguredBearerTokenIsAccepted() {
        AdminTokens token = new AdminTokens(Optional.of("s3cret"));
        assertThat(IntegrationsAuthentication.refusal(token, "Bearer s3cret")).isEmpty();
        assertThat(IntegrationsAuthentication.refusal(token, "bearer s3cret")).isEmpty();
        for (String presented : new String[] { null, "s3cret", "Basic s3cret", "Bearer s3cre", "Bearer s3cret2" }) {
            assertThat(IntegrationsAuthentication.refusal(token, presented)).as(String.valueOf(presented))
                    .hasValue("a valid token is required: Authorization: Bearer <heraldo.integrations.token>");
        }
    }
}
