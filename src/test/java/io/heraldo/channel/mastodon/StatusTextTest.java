package io.heraldo.channel.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.social.PostDraft;

class StatusTextTest {

    private static final String LINK = "https://estado.zboxapp.com/incidents/inc-ldap-auth-2026-11-24";
    private static final MastodonApi.Limits LIMITS = new MastodonApi.Limits(500, 23);

    @Test
    void aUrlCountsAsTheInstanceReservesHoweverLongItIs() {
        assertThat(StatusText.length("Ver " + LINK, 23)).isEqualTo(4 + 23);
        assertThat(StatusText.length("Ver https://a.co", 23)).as("a short one too").isEqualTo(4 + 23);
        assertThat(StatusText.length("Ver " + LINK + " y " + LINK, 30)).isEqualTo(4 + 30 + 3 + 30);
        assertThat(StatusText.length("🇨🇱 Caída", 23)).isEqualTo(7);
        // What Mastodon does not take for a URL counts as it is.
        assertThat(StatusText.length("javascript:alert(1)", 23)).isEqualTo(19);
    }

    @Test
    void theTextFitsTheInstancesLimitCutOnAWordWithTheLinkWhole() {
        String body = "palabra ".repeat(100).strip();

        String text = StatusText.fit(PostDraft.composed("Investigando: LDAP", body, LINK), LIMITS);

        assertThat(StatusText.length(text, 23)).isLessThanOrEqualTo(500).isGreaterThan(490);
        assertThat(text).startsWith("Investigando: LDAP\n\npalabra palabra").endsWith("palabra…\n\n" + LINK);
        assertThat(LocalMastodon.countedLength(text)).as("as the stand-in counts, apart from this code")
                .isEqualTo(StatusText.length(text, 23));
    }

    @Test
    void aSmallerInstanceLimitCutsMore() {
        String body = "palabra ".repeat(100).strip();

        String text = StatusText.fit(PostDraft.composed("Investigando: LDAP", body, LINK), new MastodonApi.Limits(200, 23));

        assertThat(StatusText.length(text, 23)).isBetween(190, 200);
    }

    @Test
    void noNameCanBeMentionedButAddressesAndTheRestStayAsWritten() {
        String hostile = "@everyone @ops@hachyderm.io (@admin) <script>alert(1)</script> [x](javascript:alert(1)) "
                + "ayuda@zboxapp.com https://x.test/@user a=@b";

        String quiet = StatusText.withoutMentions(hostile);

        assertThat(quiet).isEqualTo("@\u2060everyone @\u2060ops@hachyderm.io (@\u2060admin) <script>alert(1)</script> "
                + "[x](javascript:alert(1)) ayuda@zboxapp.com https://x.test/@user a=@b");
        assertThat(LocalMastodon.mentionsIn(quiet)).isEmpty();
        assertThat(LocalMastodon.mentionsIn(hostile)).containsExactly("everyone", "ops@hachyderm.io", "admin");
    }

    @Test
    void theProducersOwnTextIsUsedAsWrittenWhenItFits() {
        assertThat(StatusText.fit(PostDraft.custom(" Volvimos 🎉 "), LIMITS)).isEqualTo("Volvimos 🎉");
    }
}
