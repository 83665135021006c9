package io.heraldo.channel.mastodon;

import java.util.List;
import java.util.regex.Pattern;

import com.twitter.twittertext.Extractor;

import io.heraldo.channel.social.PostDraft;
import io.heraldo.channel.social.TextFit;

/**
 * The text of a Mastodon status, fitted to the instance's limit as Mastodon counts it: user-perceived characters
 * (grapheme clusters), every URL counting {@code characters_reserved_per_url} however long it is (Mastodon finds URLs
 * with twitter-text, as here). Plain text: Mastodon escapes it itself, so nothing is escaped here, but no event text
 * may mention anyone: an {@code @name} gets a word joiner (U+2060, invisible) after its {@code @}, which Mastodon's
 * mention pattern does not match, so nobody is notified. Plain functions.
 */
public final class StatusText {

    /** Where Mastodon sees a mention: {@code @} not after a word character, {@code =} or {@code /}, then a name. */
    private static final Pattern MENTION = Pattern.compile("(?<![=/\\w])@(?=[A-Za-z0-9_])",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final String WORD_JOINER = "\u2060";

    private StatusText() {
    }

    /** The draft as a status that fits {@code limits}. */
    public static String fit(PostDraft draft, MastodonApi.Limits limits) {
        PostDraft quiet = new PostDraft(withoutMentions(draft.words()), draft.link());
        return quiet.fit(text -> length(text, limits.charactersReservedPerUrl()) <= limits.maxCharacters());
    }

    /** The length Mastodon gives {@code text}: graphemes, each URL counting {@code perUrl}. */
    public static int length(String text, int perUrl) {
        Extractor extractor = new Extractor();
        extractor.setExtractURLWithoutProtocol(false);
        List<Extractor.Entity> urls = extractor.extractURLsWithIndices(text);
        int length = 0;
        int from = 0;
        for (Extractor.Entity url : urls) {
            length += TextFit.graphemes(text.substring(from, url.getStart())) + perUrl;
            from = url.getEnd();
        }
        return length + TextFit.graphemes(text.substring(from));
    }

    /** {@code text} with every mention broken by an invisible word joiner after its {@code @}. */
    public static String withoutMentions(String text) {
        return MENTION.matcher(text).replaceAll("@" + WORD_JOINER);
    }
}
