package io.heraldo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class SecurityHeadersTest {

    @Test
    void httpsPublicUrlAddsStrictTransportSecurity() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
        new SecurityHeaders(true).add(headers);
        assertThat(headers.get("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(headers.get("Content-Security-Policy")).isEqualTo(SecurityHeaders.NON_PAGE_CSP);
    }

    @Test
    void plainHttpPublicUrlDoesNotPinBrowsersToHttps() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        new SecurityHeaders(false).add(headers);
        assertThat(headers.contains("Strict-Transport-Security")).isFalse();
        assertThat(headers.get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(headers.get("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(headers.get("Permissions-Policy")).contains("camera=()");
    }

    @Test
    void aPageKeepsItsOwnPolicyAndGetsNoneWhenItHasNone() {
        MultiMap page = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/html;charset=UTF-8")
                .add("Content-Security-Policy", "default-src 'self'").add("Referrer-Policy", "strict-origin");
        new SecurityHeaders(true).add(page);
        assertThat(page.getAll("Content-Security-Policy")).containsExactly("default-src 'self'");
        assertThat(page.getAll("Referrer-Policy")).containsExactly("strict-origin");

        MultiMap bare = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/html");
        new SecurityHeaders(true).add(bare);
        // A page without a policy of its own is the site's business: none is imposed that could break it.
        assertThat(bare.contains("Content-Security-Policy")).isFalse();
    }
}
