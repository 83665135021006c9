package io.heraldo.channel.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.channel.chat.ChatMessage;
import io.heraldo.channel.chat.Fit;
import io.heraldo.channel.chat.Markup;

/**
 * A message as Slack's Block Kit lays it out (incoming webhooks and {@code chat.postMessage} take the same):
 * a header with the status and title, the facts as fields, the components, the latest update, the link. Event text
 * has {@code & < >} escaped, so no mention ({@code <!channel>}, {@code <@U123>}) or link can form, and every mrkdwn
 * object is {@code verbatim} (Slack parses no mention or link in it). Limits: header 150 characters, a section's
 * text 3,000, cut on a word boundary; the link is a section of its own and never cut. Plain functions.
 */
final class SlackBlocks {

    static final int HEADER_LIMIT = 150;
    static final int SECTION_LIMIT = 3_000;
    /** The notification text (the preview a phone shows), beside the blocks. */
    static final int TEXT_LIMIT = 3_000;

    private SlackBlocks() {
    }

    /** {@code {"text", "blocks"}}. */
    static ObjectNode render(ChatMessage m, ObjectMapper json) {
        ObjectNode payload = json.createObjectNode();
        payload.put("text", text(m.headline(), TEXT_LIMIT));
        ArrayNode blocks = payload.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", text(m.headline(), HEADER_LIMIT)).put("emoji", false);
        if (!m.facts().isEmpty()) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            for (ChatMessage.Fact fact : m.facts()) {
                mrkdwn(fields.addObject(), "*" + text(fact.label(), 100) + "*\n" + text(fact.value(), 1_800));
            }
        }
        if (!m.components().isEmpty()) {
            StringBuilder list = new StringBuilder("*").append(text(m.componentsLabel(), 100)).append('*');
            for (String line : m.components()) {
                list.append("\n• ").append(text(line, 200));
            }
            section(blocks, list.toString());
        }
        if (m.update() != null) {
            String label = m.updateLabel() == null ? "" : "*" + text(m.updateLabel(), 100) + "*\n";
            section(blocks, label + text(m.update(), SECTION_LIMIT - label.length()));
        }
        section(blocks, "<" + m.link() + "|" + text(m.linkLabel(), 200) + ">");
        return payload;
    }

    /** Event text for mrkdwn: mentions defused, {@code & < >} escaped, cut to {@code max} as escaped. */
    static String text(String raw, int max) {
        return Fit.escaped(Markup.defuseMentions(raw), max, Markup::slack);
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        mrkdwn(blocks.addObject().put("type", "section").putObject("text"), mrkdwn);
    }

    private static void mrkdwn(ObjectNode text, String value) {
        text.put("type", "mrkdwn").put("text", value).put("verbatim", true);
    }
}
