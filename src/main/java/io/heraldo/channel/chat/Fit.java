package io.heraldo.channel.chat;

import java.util.function.UnaryOperator;

/**
 * Text cut to a service's limit on a word boundary, with an ellipsis saying it was cut. Lengths are UTF-16 units,
 * never less than the characters or code points services count, and a cut never splits a surrogate pair. Plain
 * functions.
 */
public final class Fit {

    public static final String ELLIPSIS = "…";

    private Fit() {
    }

    /** {@code text} when it fits in {@code max}, else its longest start ending on a word boundary, and "…". */
    public static String words(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        if (max <= ELLIPSIS.length()) {
            return max <= 0 ? "" : ELLIPSIS.substring(0, max);
        }
        int room = max - ELLIPSIS.length();
        int cut = room;
        // On the last space within the room, unless that throws away more than half of it (one very long word).
        int space = lastSpace(text, room);
        if (space > room / 2) {
            cut = space;
        } else if (Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut).stripTrailing() + ELLIPSIS;
    }

    /**
     * The longest word-boundary cut of {@code text} whose escaped form fits in {@code max}: for services whose limit
     * counts the markup (a Discord description counts its backslashes).
     */
    public static String escaped(String text, int max, UnaryOperator<String> escape) {
        if (text == null) {
            return null;
        }
        String whole = escape.apply(text);
        if (whole.length() <= max) {
            return whole;
        }
        // Escaping lengthens text unevenly (an & becomes five units, a letter stays one), so no overflow tells how
        // much to cut: the longest cut whose escaped form fits is found by halving (a cut's length grows with room).
        String best = "";
        int low = 1;
        int high = Math.min(text.length(), max);
        while (low <= high) {
            int room = (low + high) >>> 1;
            String escaped = escape.apply(words(text, room));
            if (escaped.length() <= max) {
                best = escaped;
                low = room + 1;
            } else {
                high = room - 1;
            }
        }
        return best;
    }

    private static int lastSpace(String text, int before) {
        for (int i = Math.min(before, text.length() - 1); i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
