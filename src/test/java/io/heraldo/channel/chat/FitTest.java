package io.heraldo.channel.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cutting text to a service's limit: on a word, with an ellipsis, counted as escaped, never splitting a pair. */
class FitTest {

    @Test
    void textThatFitsIsKeptWhole() {
        assertThat(Fit.words("Caída del LDAP", 14)).isEqualTo("Caída del LDAP");
        assertThat(Fit.escaped("a < b", 8, Markup::html)).isEqualTo("a &lt; b");
    }

    @Test
    void longTextIsCutOnTheLastWordThatFits() {
        assertThat(Fit.words("uno dos tres cuatro", 12)).isEqualTo("uno dos…");
    }

    @Test
    void oneVeryLongWordIsCutInsideIt() {
        assertThat(Fit.words("a " + "x".repeat(50), 20)).isEqualTo("a " + "x".repeat(17) + "…");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "🔥".repeat(20);
        String cut = Fit.words(text, 10);
        assertThat(cut).isEqualTo("🔥".repeat(4) + "…");
    }

    @Test
    void textMuchLongerThanTheLimitIsCutToFillTheLimitAsEscaped() {
        // Far over the limit: the cut starts from the limit, not from the whole text's overflow (which left nothing).
        String text = "a&b ".repeat(5_000);
        String cut = Fit.escaped(text, 3_000, Markup::html);
        assertThat(cut).hasSizeLessThanOrEqualTo(3_000).hasSizeGreaterThan(2_900).endsWith("a&amp;b…");
    }

    @Test
    void escapingThatOverflowsShrinksTheCut() {
        String text = "<<<<<<<<<< ".repeat(10);
        String cut = Fit.escaped(text, 60, Markup::html);
        assertThat(cut).isEqualTo("&lt;".repeat(10) + "…");
    }
}
