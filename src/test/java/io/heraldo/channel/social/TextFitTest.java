package io.heraldo.channel.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class TextFitTest {

    private static final String LINK = "https://estado.zboxapp.com/incidents/inc-ldap";

    private static Predicate<String> atMost(int graphemes) {
        return text -> TextFit.graphemes(text) <= graphemes;
    }

    @Test
    void graphemesAreWhatAReaderSeesAsOneCharacter() {
        assertThat(TextFit.graphemes("👨‍👩‍👧‍👦")).as("a family, four people and three joiners").isEqualTo(1);
        assertThat(TextFit.graphemes("🇨🇱")).as("a flag").isEqualTo(1);
        assertThat(TextFit.graphemes("👍🏽")).as("a skin tone").isEqualTo(1);
        assertThat(TextFit.graphemes("e\u0301")).as("e and a combining accent").isEqualTo(1);
        assertThat(TextFit.graphemes("Caída")).isEqualTo(5);
        assertThat(TextFit.graphemes("")).isZero();
    }

    @Test
    void whatFitsIsLeftAlone() {
        assertThat(TextFit.fit("Resuelto: LDAP", "\n\n" + LINK, atMost(500))).isEqualTo("Resuelto: LDAP\n\n" + LINK);
    }

    @Test
    void theWordsAreCutAfterAWholeWordAndTheTailIsKept() {
        String words = "Investigando: LDAP\n\nlos usuarios no pueden entrar al webmail desde esta mañana";

        String text = TextFit.fit(words, "\n\n" + LINK, atMost(80));

        assertThat(text).isEqualTo("Investigando: LDAP\n\nlos usuarios…\n\n" + LINK);
    }

    @Test
    void aCutNeverSplitsAnEmojiSequence() {
        String words = "👨‍👩‍👧‍👦".repeat(40);

        String text = TextFit.fit(words, "", atMost(10));

        assertThat(text).isEqualTo("👨‍👩‍👧‍👦".repeat(9) + TextFit.ELLIPSIS);
    }

    @Test
    void whenNothingOfTheWordsFitsTheTailStandsAlone() {
        assertThat(TextFit.fit("Palabra", "\n\n" + LINK, atMost(LINK.length() + 3))).isEqualTo(LINK);
    }

    @Test
    void aDraftOfTheProducersOwnTextHasNoTail() {
        PostDraft custom = PostDraft.custom("  Volvimos 🎉  ");
        PostDraft composed = PostDraft.composed("Resuelto: LDAP", "  ", LINK);

        assertThat(custom.fit(atMost(280))).isEqualTo("Volvimos 🎉");
        assertThat(composed.fit(atMost(280))).isEqualTo("Resuelto: LDAP\n\n" + LINK);
    }
}
