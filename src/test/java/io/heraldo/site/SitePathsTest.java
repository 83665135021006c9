package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SitePathsTest {

    @Test
    void aPathPrefixNamesTheLanguage() {
        assertThat(SitePaths.language("/en", null, "es", "es")).isEqualTo("en");
        assertThat(SitePaths.language("/es/incidents/x", "en", "en", "en")).isEqualTo("es");
        assertThat(SitePaths.language("/", "en", null, "es")).isEqualTo("en");
        assertThat(SitePaths.language("/history", null, "en-US", "es")).isEqualTo("en");
        assertThat(SitePaths.language("/english", null, null, "es")).isEqualTo("es");
    }

    @Test
    void linksKeepTheLanguagePrefix() {
        assertThat(SitePaths.home("")).isEqualTo("/");
        assertThat(SitePaths.home("/en")).isEqualTo("/en");
        assertThat(SitePaths.incident("/en", "inc-1")).isEqualTo("/en/incidents/inc-1");
        assertThat(SitePaths.history("", 1)).isEqualTo("/history");
        assertThat(SitePaths.history("/es", 3)).isEqualTo("/es/history/3");
    }

    @Test
    void everyPageIsAnIndexFileOfItsDirectory() {
        assertThat(SitePaths.file("/")).isEqualTo("index.html");
        assertThat(SitePaths.file("/en")).isEqualTo("en/index.html");
        assertThat(SitePaths.file("/incidents/inc-1")).isEqualTo("incidents/inc-1/index.html");
        assertThat(SitePaths.file("/en/history/2")).isEqualTo("en/history/2/index.html");
    }

    @ParameterizedTest
    @ValueSource(strings = { "inc-1", "inc.2026:01", "a..b", "x.", "_x", ":x", "-x", "A", "INC_9" })
    void idsOfLettersDigitsAndPunctuationAreSafeSegments(String id) {
        assertThat(SitePaths.safeSegment(id)).as(id).isTrue();
        assertThat(SitePaths.safeSegment("x".repeat(255))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", "..", ".tmp-x", ".heraldo-revision", ".well-known", ".x", "a/b", "a\\b", "a b",
            "peña", "a%2e", "a\u0000b", "a@b", "a+b" })
    void noIdWalksTheTreeOrMakesAHiddenFile(String id) {
        assertThat(SitePaths.safeSegment(id)).as(id).isFalse();
        assertThat(SitePaths.safeSegment("x".repeat(256))).isFalse();
        assertThat(SitePaths.safeSegment(null)).isFalse();
    }

    @Test
    void durationsAndSharesReadShort() {
        assertThat(PageView.duration(Duration.ofSeconds(20))).isEqualTo("< 1 min");
        assertThat(PageView.duration(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(PageView.duration(Duration.ofMinutes(135))).isEqualTo("2 h 15 min");
        assertThat(PageView.duration(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(PageView.duration(Duration.ofHours(76))).isEqualTo("3 d 4 h");
        assertThat(PageView.percent(1)).isEqualTo("100 %");
        assertThat(PageView.percent(0.99999)).isEqualTo("99.99 %");
        assertThat(PageView.percent(0.5)).isEqualTo("50 %");
        assertThat(PageView.shortTime("2015-02-10T13:45:00.000-03:00")).isEqualTo("2015-02-10 13:45");
        assertThat(PageView.shortTime(null)).isEmpty();
    }
}
