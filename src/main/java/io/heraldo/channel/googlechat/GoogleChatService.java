package io.heraldo.channel.googlechat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.channel.chat.ChatHttp;
import io.heraldo.channel.chat.ChatMessage;
import io.heraldo.channel.chat.Fields;
import io.heraldo.channel.chat.Fit;
import io.heraldo.channel.chat.IncomingWebhookService;
import io.heraldo.channel.chat.Markup;
import io.heraldo.channel.chat.Replies;
import io.heraldo.channel.chat.Reply;

/**
 * A Google Chat space's webhook (contract section 6). The updates of an incident or maintenance share a thread by
 * {@code threadKey} (its id), replying in it or starting it ({@code REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD}). The
 * message is a card whose text widgets take a subset of HTML: event text is HTML-escaped there. The {@code text}
 * beside it (what a notification shows) is the headline with Chat's formatting characters and {@code <} broken
 * apart, since that syntax has no escape: no {@code <users/all>} and no link can form.
 */
@ApplicationScoped
public class GoogleChatService extends IncomingWebhookService {

    /** A Chat message's text is at most 4,096 characters; a card's paragraph is kept well within it. */
    static final int TEXT_LIMIT = 4_000;

    private final ChatHttp http;

    public GoogleChatService(ChatHttp http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "googlechat";
    }

    @Override
    public CompletionStage<Reply> send(Post post) {
        String url = post.field(URL);
        String threadKey = post.message().threadKey();
        if (threadKey != null) {
            url = Fields.withQuery(url, "threadKey=" + URLEncoder.encode(threadKey, StandardCharsets.UTF_8)
                    + "&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD");
        }
        return http.send("POST", URI.create(url), ChatHttp.Target.OPERATOR, Map.of(), render(post.message(), http.json()),
                answer -> Replies.of("Google Chat", answer, http.read(answer.body()).path("name").asText(null),
                        Instant.now()));
    }

    static ObjectNode render(ChatMessage m, ObjectMapper json) {
        ObjectNode message = json.createObjectNode();
        message.put("text", Fit.words(Markup.googleChatText(Markup.defuseMentions(m.headline())), TEXT_LIMIT));
        ObjectNode card = message.putArray("cardsV2").addObject().put("cardId", "heraldo").putObject("card");
        ArrayNode widgets = card.putArray("sections").addObject().putArray("widgets");
        paragraph(widgets, "<b>" + html(m.headline()) + "</b>");
        for (ChatMessage.Fact fact : m.facts()) {
            widgets.addObject().putObject("decoratedText").put("topLabel", fact.label()).put("text", html(fact.value()));
        }
        if (!m.components().isEmpty()) {
            StringBuilder list = new StringBuilder("<b>").append(html(m.componentsLabel())).append("</b>");
            m.components().forEach(line -> list.append("<br>• ").append(html(line)));
            paragraph(widgets, list.toString());
        }
        if (m.update() != null) {
            String label = m.updateLabel() == null ? "" : "<b>" + html(m.updateLabel()) + "</b><br>";
            paragraph(widgets, label + Fit.escaped(m.update(), TEXT_LIMIT - label.length(), GoogleChatService::html));
        }
        widgets.addObject().putObject("buttonList").putArray("buttons").addObject().put("text", m.linkLabel())
                .putObject("onClick").putObject("openLink").put("url", m.link());
        return message;
    }

    private static void paragraph(ArrayNode widgets, String html) {
        widgets.addObject().putObject("textParagraph").put("text", html);
    }

    /** Card text: HTML-escaped, line breaks as {@code <br>}. */
    static String html(String raw) {
        return Markup.html(raw).replace("\r\n", "\n").replace("\n", "<br>");
    }
}
