package io.heraldo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminTokensTest {

    static final String TOKEN = "s3cret-admin-token";
    final AdminTokens tokens = new AdminTokens(Optional.of(TOKEN));

    @Test
    void closedWithoutToken() {
        AdminTokens none = new AdminTokens(Optional.empty());
        assertThat(none.isClosed()).isTrue();
        assertThat(none.accepts("Bearer " + TOKEN)).isFalse();
        assertThat(none.accepts("Bearer ")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "\t \n" })
    void closedWithBlankToken(String blank) {
        AdminTokens closed = new AdminTokens(Optional.of(blank));
        assertThat(closed.isClosed()).isTrue();
        assertThat(closed.accepts("Bearer " + blank)).isFalse();
        assertThat(closed.accepts("Bearer ")).isFalse();
    }

    @Test
    void openWithToken() {
        assertThat(tokens.isClosed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN, "BeArEr " + TOKEN })
    void acceptsBearerTokenWithAnyCaseScheme(String header) {
        assertThat(tokens.accepts(header)).isTrue();
    }

    @Test
    void rejectsWrongToken() {
        assertThat(tokens.accepts("Bearer not-the-admin-token")).isFalse();
    }

    @Test
    void rejectsPrefixOfToken() {
        assertThat(tokens.accepts("Bearer " + TOKEN.substring(0, TOKEN.length() - 1))).isFalse();
        assertThat(tokens.accepts("Bearer s3cret")).isFalse();
    }

    @Test
    void rejectsTokenWithMore() {
        assertThat(tokens.accepts("Bearer " + TOKEN + "x")).isFalse();
    }

    @Test
    void rejectsTokenInOtherCase() {
        assertThat(tokens.accepts("Bearer " + TOKEN.toUpperCase())).isFalse();
    }

    @Test
    void rejectsMissingHeader() {
        assertThat(tokens.accepts(null)).isFalse();
        assertThat(tokens.accepts("")).isFalse();
    }

    @Test
    void rejectsEmptyBearer() {
        assertThat(tokens.accepts("Bearer")).isFalse();
        assertThat(tokens.accepts("Bearer ")).isFalse();
    }

    @Test
    void rejectsBasicScheme() {
        String basic = Base64.getEncoder().encodeToString(("admin:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.accepts("Basic " + basic)).isFalse();
        assertThat(tokens.accepts("Basic " + TOKEN)).isFalse();
    }

    @Test
    void rejectsTokenWithoutScheme() {
        assertThat(tokens.accepts(TOKEN)).isFalse();
    }
}
