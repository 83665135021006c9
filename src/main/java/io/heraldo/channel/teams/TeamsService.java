package io.heraldo.channel.teams;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.channel.chat.ChatHttp;
import io.heraldo.channel.chat.ChatMessage;
import io.heraldo.channel.chat.Fit;
import io.heraldo.channel.chat.IncomingWebhookService;
import io.heraldo.channel.chat.Replies;
import io.heraldo.channel.chat.Reply;

/**
 * Microsoft Teams through a Workflows webhook (contract section 6): a message with one Adaptive Card 1.4. Every text
 * is a {@code TextRun} of a {@code RichTextBlock}, which Teams never reads as Markdown, so event text can neither
 * format nor link; the link is the card's {@code Action.OpenUrl}. The card stays under Teams' size limit: the update
 * is cut on a word boundary until it fits.
 */
@ApplicationScoped
public class TeamsService extends IncomingWebhookService {

    /** Teams refuses messages over about 28 KB; room is kept for what the workflow adds. */
    static final int CARD_LIMIT_BYTES = 24_000;
    static final int UPDATE_LIMIT = 8_000;

    private final ChatHttp http;

    public TeamsService(ChatHttp http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "teams";
    }

    @Override
    public CompletionStage<Reply> send(Post post) {
        return http.send("POST", URI.create(post.field(URL)), ChatHttp.Target.OPERATOR, Map.of(),
                render(post.message(), http.json()), answer -> Replies.of("Teams", answer, null, Instant.now()));
    }

    /** The message, its update shortened until the whole is within {@link #CARD_LIMIT_BYTES}. */
    static ObjectNode render(ChatMessage m, ObjectMapper json) {
        int room = UPDATE_LIMIT;
        ObjectNode message = message(m, Fit.words(m.update(), room), json);
        while (size(message, json) > CARD_LIMIT_BYTES && room > 0) {
            room /= 2;
            message = message(m, Fit.words(m.update(), room), json);
        }
        return message;
    }

    private static ObjectNode message(ChatMessage m, String update, ObjectMapper json) {
        ObjectNode message = json.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", "1.4");
        ArrayNode body = card.putArray("body");
        ArrayNode title = runs(body);
        run(title, m.headline()).put("weight", "Bolder").put("size", "Medium").put("color", color(m.tone()));
        for (ChatMessage.Fact fact : m.facts()) {
            ArrayNode line = runs(body);
            run(line, fact.label() + ": ").put("weight", "Bolder");
            run(line, fact.value());
        }
        if (!m.components().isEmpty()) {
            run(runs(body), m.componentsLabel()).put("weight", "Bolder");
            for (String component : m.components()) {
                run(body.addObject().put("type", "RichTextBlock").put("spacing", "None").putArray("inlines"),
                        "• " + component);
            }
        }
        if (update != null) {
            if (m.updateLabel() != null) {
                run(runs(body), m.updateLabel()).put("weight", "Bolder");
            }
            run(runs(body), update);
        }
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", m.linkLabel())
                .put("url", m.link());
        card.putObject("msteams").put("width", "Full");
        return message;
    }

    private static String color(ChatMessage.Tone tone) {
        return switch (tone) {
            case CRITICAL, MAJOR -> "Attention";
            case MINOR -> "Warning";
            case RESOLVED -> "Good";
            case MAINTENANCE -> "Accent";
            case INFO -> "Default";
        };
    }

    /** A {@code RichTextBlock} in the card's body: its inlines. */
    private static ArrayNode runs(ArrayNode body) {
        return body.addObject().put("type", "RichTextBlock").putArray("inlines");
    }

    /** A {@code TextRun}: plain text, never Markdown. */
    private static ObjectNode run(ArrayNode inlines, String text) {
        return inlines.addObject().put("type", "TextRun").put("text", text);
    }

    private static int size(ObjectNode message, ObjectMapper json) {
        try {
            return json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
