package io.heraldo.channel.twitter;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;

import com.twitter.twittertext.TwitterTextParser;

/**
 * The text of a tweet: headline, the update's body and the link, fitted to what X accepts as it weighs text
 * (twitter-text: a URL counts 23, CJK and emoji 2, most Latin 1). Only the words are cut, on a word boundary with an
 * ellipsis; the link never is. Plain functions.
 */
public final class TweetComposer {

    public static final int MAX_WEIGHT = 280;
    static final String ELLIPSIS = "…";

    private TweetComposer() {
    }

    /** {@code headline}, a blank line, {@code body} (if any), a blank line and {@code link}, fitted. */
    public static String compose(String headline, String body, String link) {
        String words = body == null || body.isBlank() ? headline.strip() : headline.strip() + "\n\n" + body.strip();
        return fit(words, "\n\n" + link);
    }

    /** The producer's own tweet, used as written when it fits, else cut like any other. */
    public static String custom(String tweet) {
        return fit(tweet.strip(), "");
    }

    public static int weight(String text) {
        return TwitterTextParser.parseTweet(text).weightedLength;
    }

    /** {@code words + tail} when it fits, else the longest cut of {@code words} that fits with an ellipsis. */
    static String fit(String words, String tail) {
        if (weight(words + tail) <= MAX_WEIGHT) {
            return words + tail;
        }
        // Weight only grows with the prefix, so the longest fitting cut is found by bisection: first among word
        // boundaries, then (a title of CJK with no spaces) among characters as the reader sees them.
        String cut = longestFitting(words, wordBoundaries(words), tail);
        if (cut == null) {
            cut = longestFitting(words, characterBoundaries(words), tail);
        }
        return (cut == null ? "" : cut) + tail;
    }

    private static String longestFitting(String words, List<Integer> ends, String tail) {
        int lo = 0;
        int hi = ends.size() - 1;
        String best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            String candidate = cutAt(words, ends.get(mid));
            if (candidate != null && weight(candidate + tail) <= MAX_WEIGHT) {
                best = candidate;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    private static String cutAt(String words, int end) {
        String prefix = words.substring(0, end).stripTrailing();
        // A cut right after punctuation reads better without it before the ellipsis.
        while (!prefix.isEmpty() && ",;:-–—".indexOf(prefix.charAt(prefix.length() - 1)) >= 0) {
            prefix = prefix.substring(0, prefix.length() - 1).stripTrailing();
        }
        return prefix.isEmpty() ? null : prefix + ELLIPSIS;
    }

    /** Ends of words: every position where whitespace follows non-whitespace. */
    private static List<Integer> wordBoundaries(String text) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 1; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                ends.add(i);
            }
        }
        return ends;
    }

    /** Ends of grapheme clusters, so an emoji or an accented letter is never split. */
    private static List<Integer> characterBoundaries(String text) {
        List<Integer> ends = new ArrayList<>();
        BreakIterator graphemes = BreakIterator.getCharacterInstance();
        graphemes.setText(text);
        for (int end = graphemes.next(); end != BreakIterator.DONE; end = graphemes.next()) {
            ends.add(end);
        }
        return ends;
    }
}
