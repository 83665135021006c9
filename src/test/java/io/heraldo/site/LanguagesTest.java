package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.heraldo.platform.Languages;

class LanguagesTest {

    @Test
    void explicitLangWins() {
        assertThat(Languages.choose("en", "es-AR,es;q=0.9", "es")).isEqualTo("en");
        assertThat(Languages.choose("es", "en-US,en;q=0.9", "en")).isEqualTo("es");
    }

    @Test
    void explicitLangIsCaseInsensitive() {
        assertThat(Languages.choose("EN", null, "es")).isEqualTo("en");
    }

    @Test
    void unsupportedExplicitLangFallsBackToAcceptLanguage() {
        assertThat(Languages.choose("fr", "en", "es")).isEqualTo("en");
        assertThat(Languages.choose("fr", null, "es")).isEqualTo("es");
    }

    @Test
    void regionalVariantPicksItsLanguage() {
        assertThat(Languages.choose(null, "en-US,en;q=0.9", "es")).isEqualTo("en");
    }

    @Test
    void firstSupportedLanguageInPreferenceOrder() {
        assertThat(Languages.choose(null, "fr, en;q=0.5", "es")).isEqualTo("en");
        assertThat(Languages.choose(null, "en;q=0.4, fr, es;q=0.8", "en")).isEqualTo("es");
    }

    @Test
    void unsupportedLanguageGetsTheDefault() {
        assertThat(Languages.choose(null, "fr", "es")).isEqualTo("es");
        assertThat(Languages.choose(null, "fr", "en")).isEqualTo("en");
    }

    @Test
    void languageRefusedWithQZeroIsNotChosen() {
        // RFC 9110, 12.4.2: a weight of 0 means "not acceptable".
        assertThat(Languages.choose(null, "en;q=0", "es")).isEqualTo("es");
        assertThat(Languages.choose(null, "fr, en;q=0", "es")).isEqualTo("es");
    }

    @ParameterizedTest
    @ValueSource(strings = { "en;q=abc", "en;q=2", "??", "en,,;;", "en-" })
    void malformedHeaderGetsTheDefault(String header) {
        assertThat(Languages.choose(null, header, "es")).isEqualTo("es");
    }

    @Test
    void noHeaderGetsTheDefault() {
        assertThat(Languages.choose(null, null, "es")).isEqualTo("es");
        assertThat(Languages.choose("", " ", "es")).isEqualTo("es");
    }
}
