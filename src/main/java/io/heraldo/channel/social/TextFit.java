package io.heraldo.channel.social;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fits a post's words before a tail (the link) into what a network accepts, however it measures text: only the
 * words are cut, on a word boundary with an ellipsis, and the tail never is. Plain functions.
 */
public final class TextFit {

    public static final String ELLIPSIS = "…";

    /**
     * One user-perceived character (an extended grapheme cluster). The JDK's regex knows them; Java 17's
     * {@code BreakIterator} splits emoji sequences (a family, a flag, a skin tone) that networks count as one.
     */
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private TextFit() {
    }

    /**
     * {@code words + tail} when it fits, else the longest cut of {@code words} that fits with an ellipsis, else the
     * tail alone. {@code fits} must only ever turn false as the text grows.
     */
    public static String fit(String words, String tail, Predicate<String> fits) {
        if (fits.test(words + tail)) {
            return words + tail;
        }
        // Fitting only fails as the prefix grows, so the longest fitting cut is found by bisection: first among word
        // boundaries, then (a title of CJK with no spaces) among characters as the reader sees them.
        String cut = longestFitting(words, wordBoundaries(words), tail, fits);
        if (cut == null) {
            cut = longestFitting(words, graphemeBoundaries(words), tail, fits);
        }
        return cut == null ? tail.strip() : cut + tail;
    }

    /** The number of user-perceived characters (extended grapheme clusters). */
    public static int graphemes(String text) {
        Matcher m = GRAPHEME.matcher(text);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    private static String longestFitting(String words, List<Integer> ends, String tail, Predicate<String> fits) {
        int lo = 0;
        int hi = ends.size() - 1;
        String best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            String candidate = cutAt(words, ends.get(mid));
            if (candidate != null && fits.test(candidate + tail)) {
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
    private static List<Integer> graphemeBoundaries(String text) {
        List<Integer> ends = new ArrayList<>();
        Matcher m = GRAPHEME.matcher(text);
        while (m.find()) {
            ends.add(m.end());
        }
        return ends;
    }
}
