package io.heraldo.channel.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TweetComposerTest {

    private static final String LINK = "https://estado.zboxapp.com/incidents/inc-ldap-auth";

    @Test
    void aShortUpdateIsHeadlineBodyAndLinkUntouched() {
        String text = TweetComposer.compose("Investigando: Problemas de validación", "Lo estamos revisando.", LINK);

        assertThat(text).isEqualTo("Investigando: Problemas de validación\n\nLo estamos revisando.\n\n" + LINK);
    }

    @Test
    void aLongSpanishBodyIsCutOnAWordWithAnEllipsisAndTheLinkKept() {
        String body = "Cerca del 70% de los usuarios no puede iniciar sesión en el webmail ni en los clientes IMAP "
                + "porque el servicio de directorio LDAP dejó de responder después de la actualización programada; "
                + "estamos revirtiendo el cambio y reiniciando los nodos del clúster uno por uno para no perder "
                + "configuraciones. Publicaremos una nueva actualización en 30 minutos o antes si hay novedades.";

        String text = TweetComposer.compose("Identificado: Problemas de validación de usuarios", body, LINK);

        assertThat(TweetComposer.weight(text)).isLessThanOrEqualTo(280).isGreaterThan(250);
        assertThat(text).endsWith("…\n\n" + LINK).startsWith("Identificado: Problemas de validación de usuarios\n\n");
        String words = text.substring(0, text.indexOf("…"));
        // The cut falls after a whole word of the body.
        assertThat(body).contains(words.substring(words.indexOf("\n\n") + 2));
        assertThat(Character.isWhitespace(body.charAt(words.length() - words.indexOf("\n\n") - 2))).isTrue();
    }

    @Test
    void aLinkCountsTwentyThreeHoweverLongItIs() {
        String longLink = "https://estado.zboxapp.com/incidents/" + "x".repeat(150);
        String body = "palabra ".repeat(28).strip();

        String text = TweetComposer.compose("Resuelto: LDAP", body, longLink);

        // 14 + 2 + 223 + 2 + 23 = 264: it fits because the link weighs 23, not 187.
        assertThat(text).doesNotContain("…").endsWith(longLink);
        assertThat(TweetComposer.weight(text)).isEqualTo(264);
    }

    @Test
    void cjkAndEmojiWeighTwoAndAreNeverSplit() {
        String body = "🔥服务器维护中 ".repeat(60);

        String text = TweetComposer.compose("🚧 Mantenimiento en curso: 机房", body, LINK);

        assertThat(TweetComposer.weight(text)).isLessThanOrEqualTo(280);
        assertThat(text).endsWith("…\n\n" + LINK).contains("🔥服务器维护中 🔥");
        // No lone surrogate: every emoji is whole.
        assertThat(text.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF).count()).isZero();
        assertThat(TweetComposer.weight("服务器")).isEqualTo(6);
        assertThat(TweetComposer.weight("🔥")).isEqualTo(2);
    }

    @Test
    void aTitleWithoutSpacesIsCutByCharacters() {
        String title = "服".repeat(200);

        String text = TweetComposer.compose(title, null, LINK);

        assertThat(TweetComposer.weight(text)).isLessThanOrEqualTo(280).isGreaterThan(270);
        assertThat(text).startsWith("服服服").endsWith("服…\n\n" + LINK);
    }

    @Test
    void aCustomTweetIsUsedAsWrittenWhenItFits() {
        assertThat(TweetComposer.custom("  Volvimos 🎉 https://zbox.cl/x  ")).isEqualTo("Volvimos 🎉 https://zbox.cl/x");
        assertThat(TweetComposer.weight(TweetComposer.custom("palabra ".repeat(60)))).isLessThanOrEqualTo(280);
    }

    @Test
    void aUrlInTheBodyIsNeverCutInHalf() {
        String body = "Detalles en https://docs.zboxapp.com/postmortem/ldap-2026-11-24 " + "más texto ".repeat(40);

        String text = TweetComposer.compose("Análisis posterior: LDAP", body, LINK);

        assertThat(text).contains("https://docs.zboxapp.com/postmortem/ldap-2026-11-24 ");
        assertThat(TweetComposer.weight(text)).isLessThanOrEqualTo(280);
    }
}
