package io.heraldo.channel.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How each chat service reads a message, as far as the tests care: the text people see, the mentions it would
 * notify and the links it would render. Written from the services' documentation, apart from Heraldo's renderers,
 * so an escaping mistake shows as a mention or a link here.
 */
final class StandInReading {

    /** What one message amounts to. */
    record Read(String visible, List<String> mentions, List<String> links, List<String> problems) {
    }

    private static final Pattern SLACK_SPECIAL = Pattern.compile("<([!@#][^>|]*)(\\|[^>]*)?>");
    private static final Pattern SLACK_LINK = Pattern.compile("<((?:https?|javascript|mailto)[^>|]*)(\\|[^>]*)?>");
    /** A Markdown link whose brackets are not escaped. */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("(?<!\\\\)\\[([^\\]]*?)(?<!\\\\)\\]\\((?<url>[^)\\s]*)\\)");
    private static final Pattern DISCORD_MENTION = Pattern.compile("(?<!\\\\)<(@[!&]?\\d+|#\\d+)>|(?<![\\\\\\w])@(everyone|here)\\b");
    private static final Pattern AT_WORD = Pattern.compile("(?<![\\p{L}\\p{N}_.+\\\\-])@([\\p{L}\\p{N}_][\\p{L}\\p{N}_.:-]*)");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>");
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|#39|#x27);");
    private static final Set<String> TELEGRAM_TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "a", "code", "pre", "tg-spoiler", "span", "blockquote");
    private static final Set<String> MATRIX_TAGS = Set.of("b", "strong", "i", "em", "u", "a", "p", "br", "ul", "ol",
            "li", "code", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "del", "span", "font", "hr", "sup",
            "sub", "div", "table", "thead", "tbody", "tr", "th", "td", "caption", "details", "summary", "img");
    private static final Set<String> CARD_TAGS = Set.of("b", "i", "u", "s", "font", "a", "br");

    private StandInReading() {
    }

    /** Slack mrkdwn: {@code <!channel>}, {@code <@U1>}, {@code <#C1>} mention; {@code <url|text>} links. */
    static Read slack(String text) {
        List<String> mentions = new ArrayList<>();
        List<String> links = new ArrayList<>();
        Matcher special = SLACK_SPECIAL.matcher(text);
        while (special.find()) {
            mentions.add(special.group(1));
        }
        Matcher link = SLACK_LINK.matcher(text);
        while (link.find()) {
            links.add(link.group(1));
        }
        String visible = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return new Read(visible, mentions, links, List.of());
    }

    /** Mattermost: Slack's {@code <!channel>} forms (turned into {@code @channel}), {@code @word}, Markdown links. */
    static Read mattermost(String text) {
        Read slack = slack(text);
        List<String> mentions = new ArrayList<>(slack.mentions());
        mentions.addAll(atWords(text));
        return new Read(slack.visible(), mentions, markdownLinks(text), List.of());
    }

    /** Discord: {@code <@123>}, {@code <@&1>}, {@code <#1>} and {@code @everyone}/{@code @here} unescaped; links. */
    static Read discord(String text) {
        List<String> mentions = new ArrayList<>();
        Matcher m = DISCORD_MENTION.matcher(text);
        while (m.find()) {
            mentions.add(m.group());
        }
        return new Read(text, mentions, markdownLinks(text), List.of());
    }

    /** Telegram's HTML: only its tags, only its entities; {@code @username} in the visible text mentions. */
    static Read telegram(String html) {
        return html(html, TELEGRAM_TAGS, true);
    }

    /** Matrix's {@code formatted_body}: the spec's suggested tags; user ids and {@code @room} mention. */
    static Read matrix(String html) {
        return html(html, MATRIX_TAGS, true);
    }

    /** Google Chat's card text: a subset of HTML. */
    static Read card(String html) {
        return html(html, CARD_TAGS, false);
    }

    /** Google Chat's message text: {@code <users/…>} mentions, {@code <url|text>} links. */
    static Read googleChatText(String text) {
        List<String> mentions = new ArrayList<>();
        List<String> links = new ArrayList<>();
        Matcher m = Pattern.compile("<(users/[^>|]+)>|<([a-z]+:[^>|]+)\\|[^>]*>").matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                mentions.add(m.group(1));
            } else {
                links.add(m.group(2));
            }
        }
        return new Read(text, mentions, links, List.of());
    }

    private static Read html(String html, Set<String> allowed, boolean atMentions) {
        List<String> problems = new ArrayList<>();
        List<String> links = new ArrayList<>();
        StringBuilder visible = new StringBuilder();
        Matcher tag = TAG.matcher(html);
        int at = 0;
        while (tag.find()) {
            text(html.substring(at, tag.start()), visible, problems);
            if (!allowed.contains(tag.group(2).toLowerCase())) {
                problems.add("tag not allowed: " + tag.group());
            }
            Matcher href = HREF.matcher(tag.group(3));
            if (href.find()) {
                links.add(href.group(1).replace("&amp;", "&"));
            }
            if (tag.group(2).equalsIgnoreCase("br")) {
                visible.append('\n');
            }
            at = tag.end();
        }
        text(html.substring(at), visible, problems);
        String read = visible.toString();
        return new Read(read, atMentions ? atWords(read) : List.of(), links, problems);
    }

    private static void text(String part, StringBuilder visible, List<String> problems) {
        if (part.indexOf('<') >= 0 || part.indexOf('>') >= 0) {
            problems.add("a bare < or > in text: " + part);
        }
        Matcher entity = ENTITY.matcher(part);
        String stripped = entity.replaceAll("");
        if (stripped.indexOf('&') >= 0) {
            problems.add("an & that is not an entity: " + part);
        }
        visible.append(part.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&amp;", "&"));
    }

    private static List<String> atWords(String text) {
        List<String> mentions = new ArrayList<>();
        Matcher m = AT_WORD.matcher(text);
        while (m.find()) {
            mentions.add(m.group());
        }
        return mentions;
    }

    private static List<String> markdownLinks(String text) {
        List<String> links = new ArrayList<>();
        Matcher m = MARKDOWN_LINK.matcher(text);
        while (m.find()) {
            links.add(m.group("url"));
        }
        return links;
    }

    /** Every string value in a JSON tree, joined by new lines: what a marker search looks through. */
    static String strings(JsonNode node) {
        StringBuilder out = new StringBuilder();
        collect(node, out);
        return out.toString();
    }

    private static void collect(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(node.asText()).append('\n');
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
