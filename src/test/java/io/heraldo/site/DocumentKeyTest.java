package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DocumentKeyTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    private static DocumentKey key(String path, String lang, String page, String acceptLanguage) {
        return DocumentKey.of(7, DAY, path, lang, page, acceptLanguage, "es");
    }

    @Test
    void theLanguageComesFromThePrefixThenTheQueryThenTheHeaderThenTheDefault() {
        assertThat(key("/en", "es", null, "es").lang()).isEqualTo("en");
        assertThat(key("/", "en", null, "es").lang()).isEqualTo("en");
        assertThat(key("/", null, null, "en-GB,es;q=0.5").lang()).isEqualTo("en");
        assertThat(key("/", "fr", null, null).lang()).isEqualTo("es");
    }

    @Test
    void aLanguageAskedForByNameStaysInTheLinksAndOneReadFromTheHeaderDoesNot() {
        assertThat(key("/", "EN", null, null).base()).isEqualTo("/en");
        assertThat(key("/", null, null, "en").base()).isEmpty();
        assertThat(key("/", "fr", null, "en").base()).as("an unsupported one is not kept").isEmpty();
        assertThat(key("/en/incidents/x", null, null, null).base()).isEqualTo("/en");
    }

    @Test
    void onlyWhatChangesTheDocumentMakesAnotherKey() {
        DocumentKey home = key("/", null, null, null);
        assertThat(key("/", null, "3", null)).as("?page= means nothing on /").isEqualTo(home);
        assertThat(key("/", "fr", null, null)).isEqualTo(home);
        assertThat(key("/", "es", null, null)).as("named: its links keep /es").isNotEqualTo(home);
        assertThat(key("/history", null, null, null)).isEqualTo(key("/history", null, "1", null));
        assertThat(key("/history", null, "garbage", null)).isEqualTo(key("/history", null, "1", null));
        assertThat(key("/history", null, "2", null)).isNotEqualTo(key("/history", null, "1", null));
        assertThat(key("/en/history", null, "2", null).page()).isEqualTo(2);
        assertThat(key("/history/2", null, "5", null).page()).as("the path names the page").isZero();
        assertThat(DocumentKey.of(8, DAY, "/", null, null, null, "es")).isNotEqualTo(home);
        assertThat(DocumentKey.of(7, DAY.plusDays(1), "/", null, null, null, "es")).isNotEqualTo(home);
    }

    @Test
    void theTagFollowsTheKey() {
        assertThat(key("/", null, null, null).etag()).isEqualTo(key("/", "fr", "9", null).etag())
                .isNotEqualTo(key("/", "en", null, null).etag()).startsWith("W/\"7-");
        assertThat(key("/history", null, "2", null).etag()).isNotEqualTo(key("/history", null, null, null).etag());
    }
}
