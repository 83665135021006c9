package io.heraldo.channel.chat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event text made fit for each service's markup so it stays text: it can neither format, link nor mention. Plain
 * functions; each service picks what its markup needs.
 */
public final class Markup {

    /** An invisible character that breaks a mention or a markup token apart without changing what is read. */
    public static final String BREAK = "\u200B";

    /** An {@code @} that starts a word: a mention in Slack, Mattermost, Telegram and Matrix (an address's is not). */
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.+-])@(?=[\\p{L}\\p{N}_])");
    /** Characters CommonMark-like markdown (Discord, Mattermost) gives a meaning to anywhere in a line. */
    private static final String MARKDOWN_INLINE = "\\`*_~|[]()<>!";
    /** What starts a heading, a list or a quote at the start of a line. */
    private static final Pattern LINE_START = Pattern.compile("(?m)^([ \\t]*)([#+=-]|\\d+(?=[.)]))");

    private Markup() {
    }

    /** HTML text (Telegram, Matrix, Google Chat cards): {@code & < > " '} as entities. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Slack's text (and Mattermost's Slack-compatible one): {@code & < >} as the entities Slack reads back, so no
     * {@code <!channel>}, {@code <!here>}, {@code <@U123>} or {@code <url|text>} can form.
     */
    public static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Markdown (Discord, Mattermost): a backslash before every character that could format or link, and before what
     * would start a heading, list or quote at a line's start; {@code [x](javascript:…)} stays text.
     */
    public static String markdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (MARKDOWN_INLINE.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return LINE_START.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                m.group(2).chars().allMatch(Character::isDigit) ? m.group(1) + m.group(2) + "\\"
                        : m.group(1) + "\\" + m.group(2)));
    }

    /** Every {@code @} that starts a word gets an invisible break after it: no service reads a mention there. */
    public static String defuseMentions(String text) {
        return MENTION.matcher(text).replaceAll("@" + BREAK);
    }

    /**
     * Google Chat's text formatting, which has no escape: an invisible break after {@code <} (mentions
     * {@code <users/all>}, links {@code <url|text>}) and after the characters that make bold, italic, strikethrough
     * and monospace, so none of them pairs up.
     */
    public static String googleChatText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if (c == '<' || c == '*' || c == '_' || c == '~' || c == '`') {
                out.append(BREAK);
            }
        }
        return out.toString();
    }
}
