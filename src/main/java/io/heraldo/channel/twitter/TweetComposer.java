package io.heraldo.channel.twitter;

import com.twitter.twittertext.TwitterTextParser;

import io.heraldo.channel.social.PostDraft;

/**
 * The text of a tweet: headline, the update's body and the link, fitted to what X accepts as it weighs text
 * (twitter-text: a URL counts 23, CJK and emoji 2, most Latin 1). Only the words are cut, on a word boundary with an
 * ellipsis; the link never is. Plain functions.
 */
public final class TweetComposer {

    public static final int MAX_WEIGHT = 280;

    private TweetComposer() {
    }

    /** {@code headline}, a blank line, {@code body} (if any), a blank line and {@code link}, fitted. */
    public static String compose(String headline, String body, String link) {
        return fit(PostDraft.composed(headline, body, link));
    }

    /** The producer's own tweet, used as written when it fits, else cut like any other. */
    public static String custom(String tweet) {
        return fit(PostDraft.custom(tweet));
    }

    /** A draft as X takes it. */
    public static String fit(PostDraft draft) {
        return draft.fit(text -> weight(text) <= MAX_WEIGHT);
    }

    public static int weight(String text) {
        return TwitterTextParser.parseTweet(text).weightedLength;
    }
}
