package io.heraldo.channel.social;

import java.util.function.Predicate;

/**
 * What a social account says about a notification before it is fitted to a network: the words (status in words and
 * title, a blank line and the update) and the link they end with, or the producer's own text ({@code update.tweet}),
 * which carries no link of Heraldo's.
 */
public record PostDraft(String words, String link) {

    /** The producer's own text: used as written when it fits, else cut like any other. */
    public static PostDraft custom(String text) {
        return new PostDraft(text.strip(), null);
    }

    /** The headline, a blank line and the body (if any); the link after another blank line. */
    public static PostDraft composed(String headline, String body, String link) {
        String words = body == null || body.isBlank() ? headline.strip() : headline.strip() + "\n\n" + body.strip();
        return new PostDraft(words, link);
    }

    /** What the tail holds: a blank line and the link, never cut. Empty for the producer's own text. */
    public String tail() {
        return link == null ? "" : "\n\n" + link;
    }

    /** The text, the words cut on a word boundary until {@code fits} accepts it. */
    public String fit(Predicate<String> fits) {
        return TextFit.fit(words, tail(), fits);
    }
}
