package io.heraldo.channel.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.social.PostDraft;
import io.heraldo.channel.social.TextFit;

class PostTextTest {

    private static final String LINK = "https://estado.zboxapp.com/incidents/inc-ldap";

    @Test
    void anAccentedTitleMovesTheLinksByteOffsetsPastItsCharacterOffsets() {
        String text = PostText.fit(PostDraft.composed("Investigando: Caída de autenticación en Ñuñoa", "Lo revisamos.", LINK));

        PostText.Link link = PostText.links(text, LINK).get(0);

        int chars = text.indexOf(LINK);
        // í, ó, Ñ and ñ take two bytes each in UTF-8: four bytes further than the characters.
        assertThat(link.byteStart()).isEqualTo(chars + 4);
        assertThat(link.byteEnd() - link.byteStart()).isEqualTo(LINK.length());
        assertThat(covered(text, link)).isEqualTo(LINK);
    }

    @Test
    void emojiAndCjkBeforeTheLinkCountTheirBytes() {
        String text = "🔥 服务器 " + "\n\n" + LINK;

        PostText.Link link = PostText.links(text, LINK).get(0);

        assertThat(link.byteStart()).isEqualTo(4 + 1 + 9 + 1 + 2);
        assertThat(covered(text, link)).isEqualTo(LINK);
    }

    @Test
    void atMost300GraphemesCutOnAWordWithTheLinkWhole() {
        String body = "El servicio de directorio dejó de responder 👨‍👩‍👧‍👦 ".repeat(20);

        String text = PostText.fit(PostDraft.composed("Investigando: LDAP", body, LINK));

        assertThat(TextFit.graphemes(text)).isLessThanOrEqualTo(300).isGreaterThan(280);
        assertThat(text).endsWith("…\n\n" + LINK);
        assertThat(covered(text, PostText.links(text, LINK).get(0))).isEqualTo(LINK);
    }

    @Test
    void threeHundredGraphemesOfLongSequencesStillFitThe3000Bytes() {
        String words = "👨‍👩‍👧‍👦 ".repeat(200);

        String text = PostText.fit(PostDraft.composed("Caída", words, LINK));

        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(PostText.MAX_BYTES);
        assertThat(TextFit.graphemes(text)).isLessThan(PostText.MAX_GRAPHEMES);
        assertThat(text).endsWith(LINK);
    }

    @Test
    void onlyHttpUrlsShownAsTheyAreBecomeLinks() {
        String body = "<a href='https://evil.example'>aquí</a> [x](javascript:alert(1)) (ver https://docs.zboxapp.com/ldap). "
                + "Más en https://zbox.cl/a_(b) y https://bad host/";
        String text = body + "\n\n" + LINK;

        assertThat(PostText.links(text, LINK)).extracting(PostText.Link::uri)
                .containsExactly("https://docs.zboxapp.com/ldap", "https://zbox.cl/a_(b)", "https://bad", LINK);
        for (PostText.Link link : PostText.links(text, LINK)) {
            assertThat(covered(text, link)).isEqualTo(link.uri());
        }
    }

    @Test
    void theIncidentLinkIsTakenWholeEvenWhenItEndsLikeASentence() {
        String link = "https://estado.zboxapp.com/incidents/inc.";
        String text = "Resuelto\n\n" + link;

        assertThat(PostText.links(text, link)).extracting(PostText.Link::uri).containsExactly(link);
    }

    @Test
    void theProducersOwnTextHasItsUrlsLinked() {
        String text = PostText.fit(PostDraft.custom("Volvimos 🎉 detalles: https://estado.zboxapp.com/x"));

        assertThat(PostText.links(text, null)).extracting(PostText.Link::uri)
                .containsExactly("https://estado.zboxapp.com/x");
    }

    @Test
    void aPostsReferenceIsKeptAsUriAndCid() {
        PostRef ref = new PostRef("at://did:plc:abc/app.bsky.feed.post/3kabc", "bafyreiabc");

        assertThat(ref.externalId()).isEqualTo("at://did:plc:abc/app.bsky.feed.post/3kabc|bafyreiabc");
        assertThat(PostRef.of(ref.externalId())).isEqualTo(ref);
        assertThat(PostRef.of(null)).isNull();
        assertThat(PostRef.of("1860000000000000001")).as("an id of another network").isNull();
    }

    private static String covered(String text, PostText.Link link) {
        return new String(Arrays.copyOfRange(text.getBytes(StandardCharsets.UTF_8), link.byteStart(), link.byteEnd()),
                StandardCharsets.UTF_8);
    }
}
