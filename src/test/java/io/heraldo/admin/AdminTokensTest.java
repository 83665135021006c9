package io.heraldo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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

    @Test
    void severalTokensAreAcceptedAtOnceForRotation() {
        AdminTokens rotating = new AdminTokens(Optional.of(TOKEN), Optional.of(List.of("next-admin-token")));
        assertThat(rotating.accepts("Bearer " + TOKEN)).isTrue();
        assertThat(rotating.accepts("Bearer next-admin-token")).isTrue();

        AdminTokens rotated = new AdminTokens(Optional.empty(), Optional.of(List.of("next-admin-token")));
        assertThat(rotated.accepts("Bearer next-admin-token")).isTrue();
        assertThat(rotated.accepts("Bearer " + TOKEN)).as("the removed token").isFalse();
    }

    @Test
    void aTokenMayBeConfiguredOnlyAsItsSha256() {
        AdminTokens hashed = new AdminTokens(Optional.empty(), Optional.of(List.of("sha256:9b3ee04a3aec30e32b11d7ff46c5bb67ac4738d0f8e5808bd6238d90c2591fc7")));
        assertThat(hashed.accepts("Bearer next-admin-token")).isTrue();
        assertThat(hashed.accepts("Bearer 9b3ee04a3aec30e32b11d7ff46c5bb67ac4738d0f8e5808bd6238d90c2591fc7")).as("the hash itself is not a token").isFalse();
        assertThat(hashed.accepts("Bearer sha256:9b3ee04a3aec30e32b11d7ff46c5bb67ac4738d0f8e5808bd6238d90c2591fc7")).isFalse();
        assertThat(new AdminTokens(Optional.empty(), Optional.of(List.of("SHA256:" + "9B3EE04A3AEC30E32B11D7FF46C5BB67AC4738D0F8E5808BD6238D90C2591FC7")))
                .accepts("Bearer next-admin-token")).as("hex in upper case").isTrue();
    }

    @Test
    void eachTokenHasAnIdThatIsNotTheToken() {
        AdminTokens tokens = new AdminTokens(Optional.of(TOKEN),
                Optional.of(List.of("ci:sha256:9b3ee04a3aec30e32b11d7ff46c5bb67ac4738d0f8e5808bd6238d90c2591fc7", "sha256:9b3ee04a3aec30e32b11d7ff46c5bb67ac4738d0f8e5808bd6238d90c2591fc7")));
        String clearId = "token-" + java.util.HexFormat.of().formatHex(AdminTokens.sha256(TOKEN), 0, 4);
        assertThat(tokens.ids()).containsExactly(clearId, "ci", "token-9b3ee04a");
        assertThat(tokens.identify("Bearer " + TOKEN)).contains(clearId);
        assertThat(tokens.identify("Bearer next-admin-token")).as("the first entry that matches names it").contains("ci");
        assertThat(tokens.identify("Bearer nope")).isEmpty();
        assertThat(String.join(",", tokens.ids())).doesNotContain(TOKEN).doesNotContain("next-admin-token");
    }

    @Test
    void aMalformedHashIsIgnoredNotTakenAsAClearToken() {
        AdminTokens tokens = new AdminTokens(Optional.empty(), Optional.of(List.of("sha256:abc", "x:sha256:zz", " ", "")));
        assertThat(tokens.isClosed()).isTrue();
        assertThat(tokens.accepts("Bearer sha256:abc")).isFalse();
    }

    @Test
    void blankEntriesDoNotOpenTheApi() {
        AdminTokens tokens = new AdminTokens(Optional.of(""), Optional.of(List.of("", "  ")));
        assertThat(tokens.isClosed()).isTrue();
        assertThat(tokens.accepts("Bearer ")).isFalse();
    }
}
