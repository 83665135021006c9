package io.heraldo.site;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.StatusIndicator;

/**
 * A status badge in the shields.io "flat" style: a grey label, a coloured message, 20 px high, as wide as its texts.
 * The widths are shields.io's: each text measured in Verdana 11 px from a table of advance widths, truncated to a
 * whole pixel and rounded up to an odd one, plus 5 px each side, so a badge sits beside shields.io's at the same
 * size. Every text is escaped for XML: a name is shown, never read as markup.
 *
 * @param colour the message's background, {@code #rrggbb} or {@code #rgb}
 */
public record Badge(String label, String message, String colour) {

    public static final String SVG = "image/svg+xml;charset=UTF-8";

    /** shields.io's named colours, by what they say. */
    static final String GREEN = "#4c1";
    static final String YELLOW = "#dfb317";
    static final String ORANGE = "#fe7d37";
    static final String RED = "#e05d44";
    static final String BLUE = "#007ec6";

    private static final int PADDING = 5;
    /** Verdana 11 px advance widths of U+0020 to U+007E (Verdana's units per em are 2048). */
    private static final double[] ASCII = {
        3.87, 4.33, 5.05, 9.0, 6.99, 11.84, 7.99, 2.95, 4.99, 4.99, 6.99, 9.0, 4.0, 4.99, 4.0, 4.99,
        6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 4.99, 4.99, 9.0, 9.0, 9.0, 6.0,
        11.0, 7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.63, 5.0, 7.62, 6.12, 9.27, 8.23, 8.66,
        6.63, 8.66, 7.65, 7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77, 7.54, 4.99, 4.99, 4.99, 9.0, 6.99,
        6.99, 6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.7, 6.96, 6.68,
        6.85, 6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 9.0, 6.51, 6.51, 5.78, 6.98, 4.99, 6.98, 9.0 };
    /** A letter the table does not hold and that is no accented form of one: about an average capital. */
    private static final double OTHER = 7.5;
    /** Ideographs, kana and hangul take a full em. */
    private static final double WIDE = 11.0;

    public static String colourOf(ComponentStatus status) {
        return switch (status) {
            case OPERATIONAL -> GREEN;
            case DEGRADED_PERFORMANCE -> YELLOW;
            case PARTIAL_OUTAGE -> ORANGE;
            case MAJOR_OUTAGE -> RED;
            case UNDER_MAINTENANCE -> BLUE;
        };
    }

    public static String colourOf(StatusIndicator indicator) {
        return switch (indicator) {
            case NONE -> GREEN;
            case MINOR -> YELLOW;
            case MAJOR -> ORANGE;
            case CRITICAL -> RED;
            case MAINTENANCE -> BLUE;
        };
    }

    /** The SVG, UTF-8. */
    public byte[] svg() {
        String labelText = oneLine(label);
        String messageText = oneLine(message);
        int labelWidth = width(labelText);
        int messageWidth = width(messageText);
        int left = labelWidth + 2 * PADDING;
        int right = messageWidth + 2 * PADDING;
        int total = left + right;
        // text is laid out at ten times the size and scaled down, as shields.io does, for sub-pixel positions
        int labelX = 10 * (1 + PADDING) + 5 * labelWidth;
        int messageX = 10 * (left - 1 + PADDING) + 5 * messageWidth;
        String title = xml(labelText + ": " + messageText);
        String l = xml(labelText);
        String m = xml(messageText);
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\" role=\"img\""
                + " aria-label=\"" + title + "\"><title>" + title + "</title>"
                + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\""
                + " stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
                + "<clipPath id=\"r\"><rect width=\"" + total + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
                + "<g clip-path=\"url(#r)\"><rect width=\"" + left + "\" height=\"20\" fill=\"#555\"/>"
                + "<rect x=\"" + left + "\" width=\"" + right + "\" height=\"20\" fill=\"" + xml(colour) + "\"/>"
                + "<rect width=\"" + total + "\" height=\"20\" fill=\"url(#s)\"/></g>"
                + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\""
                + " text-rendering=\"geometricPrecision\" font-size=\"110\">"
                + text(l, labelX, labelWidth) + text(m, messageX, messageWidth) + "</g></svg>";
        return svg.getBytes(StandardCharsets.UTF_8);
    }

    /** A text with its shadow, at ten times the size. */
    private static String text(String escaped, int x, int width) {
        return "<text aria-hidden=\"true\" x=\"" + x + "\" y=\"150\" fill=\"#010101\" fill-opacity=\".3\""
                + " transform=\"scale(.1)\" textLength=\"" + 10 * width + "\">" + escaped + "</text>"
                + "<text x=\"" + x + "\" y=\"140\" transform=\"scale(.1)\" fill=\"#fff\" textLength=\"" + 10 * width
                + "\">" + escaped + "</text>";
    }

    /**
     * The width a text takes in Verdana 11 px, as shields.io reckons it: the sum of the advance widths, truncated,
     * then rounded up to an odd number (a text centred in it then sits on whole pixels).
     */
    static int width(String text) {
        double sum = 0;
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            sum += advance(c);
            i += Character.charCount(c);
        }
        int width = (int) sum;
        return width % 2 == 0 ? width + 1 : width;
    }

    private static double advance(int c) {
        if (c >= 0x20 && c <= 0x7e) {
            return ASCII[c - 0x20];
        }
        if (Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.ENCLOSING_MARK
                || Character.getType(c) == Character.FORMAT) {
            return 0;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
            return WIDE;
        }
        // an accented letter (ó, ñ, É) is as wide as its letter: its decomposition starts with it
        String decomposed = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFD);
        int base = decomposed.codePointAt(0);
        return base != c && base >= 0x20 && base <= 0x7e ? ASCII[base - 0x20] : OTHER;
    }

    /**
     * One line of text XML can hold: line breaks, tabs and other control characters become spaces, and what XML 1.0
     * cannot carry at all (a lone surrogate, U+FFFE, U+FFFF) the replacement character.
     */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                out.append('\uFFFD');
            } else {
                out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString().strip();
    }

    /** Text as XML character data and attribute values take it. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
