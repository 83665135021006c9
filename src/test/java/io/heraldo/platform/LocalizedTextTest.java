package io.heraldo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A reader's language, else the default locale's text, else the first given. */
class LocalizedTextTest {

    static LocalizedText given(String defaultLang, String... langAndText) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (int i = 0; i < langAndText.length; i += 2) {
            texts.put(langAndText[i], langAndText[i + 1]);
        }
        return LocalizedText.of(texts, defaultLang);
    }

    @Test
    void theReadersLanguageFirst() {
        LocalizedText text = given("es", "en", "Outage", "es", "Caída", "pt", "Queda");
        assertThat(text.in("pt")).isEqualTo("Queda");
        assertThat(text.languageFor("pt")).isEqualTo("pt");
    }

    @Test
    void missingTheDefaultLocalesEvenWhenGivenLater() {
        LocalizedText text = given("es", "en", "Outage", "es", "Caída");
        assertThat(text.in("pt")).isEqualTo("Caída");
        assertThat(text.languageFor("pt")).isEqualTo("es");
        assertThat(text.first()).isEqualTo("Caída");
    }

    @Test
    void noDefaultLocalesTextTheFirstGiven() {
        LocalizedText text = given("es", "pt", "Queda", "en", "Outage");
        assertThat(text.in("es")).isEqualTo("Queda");
        assertThat(text.in(null)).isEqualTo("Queda");
        assertThat(text.firstLanguage()).isEqualTo("pt");
    }

    @Test
    void storedAsJsonKeepsTheOrder() throws Exception {
        ObjectMapper json = new ObjectMapper();
        LocalizedText text = given("en", "pt", "Queda", "en", "Outage", "es", "Caída");
        String written = json.writeValueAsString(text);
        assertThat(written).isEqualTo("{\"en\":\"Outage\",\"pt\":\"Queda\",\"es\":\"Caída\"}");
        LocalizedText read = json.readValue(written, LocalizedText.class);
        assertThat(read).isEqualTo(text);
        assertThat(read.first()).isEqualTo("Outage");
    }
}
