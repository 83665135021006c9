package io.heraldo.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderLanguageTest {

    @Test
    void contentLanguageFirstThenAcceptLanguageThenTheDefault() {
        assertThat(SenderLanguage.of("en-US", "es", "es")).isEqualTo("en");
        assertThat(SenderLanguage.of(null, "en-GB, es;q=0.5", "es")).isEqualTo("en");
        assertThat(SenderLanguage.of("de", "fr, en;q=0.3", "es")).isEqualTo("en");
        assertThat(SenderLanguage.of("es-CL", null, "en")).isEqualTo("es");
        assertThat(SenderLanguage.of(null, null, "es")).isEqualTo("es");
        assertThat(SenderLanguage.of("de", "fr", "es")).isEqualTo("es");
        assertThat(SenderLanguage.of("%%%", "en;q=x", "es")).isEqualTo("es");
    }
}
