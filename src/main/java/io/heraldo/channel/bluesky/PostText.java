package io.heraldo.channel.bluesky;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.heraldo.channel.social.PostDraft;
import io.heraldo.channel.social.TextFit;

/**
 * The text of a Bluesky post and its links. Bluesky shows a record's text as plain text and links only what a facet
 * marks, by UTF-8 byte offsets into the text: so event text cannot carry markup or mention anyone, and every
 * {@code http(s)} URL in it, the incident's link above all, gets a link facet. At most 300 graphemes (and 3,000
 * bytes, the record's other limit). Plain functions.
 */
public final class PostText {

    public static final int MAX_GRAPHEMES = 300;
    public static final int MAX_BYTES = 3000;

    /** A link facet: bytes {@code [byteStart, byteEnd)} of the UTF-8 text are a link to {@code uri}. */
    public record Link(int byteStart, int byteEnd, String uri) {
    }

    /** A URL as Bluesky's own clients find one: after the start, a space or a parenthesis. */
    private static final Pattern URL = Pattern.compile("(?<![^\\s(])https?://\\S+", Pattern.CASE_INSENSITIVE);

    private PostText() {
    }

    /** The draft as a post's text that fits. */
    public static String fit(PostDraft draft) {
        return draft.fit(PostText::fits);
    }

    public static boolean fits(String text) {
        return TextFit.graphemes(text) <= MAX_GRAPHEMES && bytes(text) <= MAX_BYTES;
    }

    /**
     * The link facets of {@code text}: {@code link} (the incident's, where the text ends with it; {@code null} for
     * the producer's own text) exactly as it is, and every other {@code http(s)} URL found before it.
     */
    public static List<Link> links(String text, String link) {
        boolean endsWithLink = link != null && text.endsWith(link);
        String before = endsWithLink ? text.substring(0, text.length() - link.length()) : text;
        List<Link> links = new ArrayList<>();
        Matcher m = URL.matcher(before);
        while (m.find()) {
            String url = trimmed(m.group());
            if (isLink(url)) {
                int start = bytes(before.substring(0, m.start()));
                links.add(new Link(start, start + bytes(url), url));
            }
        }
        if (endsWithLink) {
            int start = bytes(before);
            links.add(new Link(start, start + bytes(link), link));
        }
        return links;
    }

    /** Without what ends a sentence rather than the URL: trailing punctuation, a closing parenthesis never opened. */
    private static String trimmed(String url) {
        String trimmed = url;
        while (true) {
            char last = trimmed.charAt(trimmed.length() - 1);
            if (".,;:!?\"'".indexOf(last) >= 0 || (last == ')' && trimmed.indexOf('(') < 0)) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            } else {
                return trimmed;
            }
        }
    }

    /** An absolute http(s) URI with a host: what a link facet may point to. Anything else stays text. */
    private static boolean isLink(String url) {
        try {
            URI uri = new URI(url);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme())
                    || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
