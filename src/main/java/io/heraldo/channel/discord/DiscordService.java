package io.heraldo.channel.discord;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.channel.chat.ChatHttp;
import io.heraldo.channel.chat.ChatMessage;
import io.heraldo.channel.chat.Fields;
import io.heraldo.channel.chat.Fit;
import io.heraldo.channel.chat.IncomingWebhookService;
import io.heraldo.channel.chat.Markup;
import io.heraldo.channel.chat.Replies;
import io.heraldo.channel.chat.Reply;
import io.heraldo.platform.http.OutboundHttp;

/**
 * A Discord webhook (contract section 6): {@code POST url?wait=true} with one embed and
 * {@code "allowed_mentions": {"parse": []}}, so nothing in it can ping. Event text has Discord's Markdown escaped
 * (a masked link {@code [x](javascript:…)} or {@code <@123>} stays text). Limits: title 256, description 4,096,
 * cut on a word boundary; the link stays whole. A 429 waits its {@code retry_after}.
 */
@ApplicationScoped
public class DiscordService extends IncomingWebhookService {

    static final int TITLE_LIMIT = 256;
    static final int DESCRIPTION_LIMIT = 4_096;

    private final ChatHttp http;

    public DiscordService(ChatHttp http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "discord";
    }

    @Override
    public CompletionStage<Reply> send(Post post) {
        URI url = URI.create(Fields.withQuery(post.field(URL), "wait=true"));
        return http.send("POST", url, ChatHttp.Target.OPERATOR, Map.of(), render(post.message(), http.json()),
                answer -> reply(answer, http.read(answer.body()), Instant.now()));
    }

    static ObjectNode render(ChatMessage m, ObjectMapper json) {
        ObjectNode payload = json.createObjectNode();
        ObjectNode embed = payload.putArray("embeds").addObject();
        embed.put("title", Fit.escaped(m.headline(), TITLE_LIMIT, DiscordService::escape));
        embed.put("description", description(m));
        embed.put("url", m.link());
        embed.put("color", m.tone().rgb());
        if (m.at() != null) {
            embed.put("timestamp", m.at().toInstant().toString());
        }
        payload.putObject("allowed_mentions").putArray("parse");
        return payload;
    }

    static String description(ChatMessage m) {
        StringBuilder head = new StringBuilder();
        for (ChatMessage.Fact fact : m.facts()) {
            head.append("**").append(escape(fact.label())).append(":** ").append(escape(fact.value())).append('\n');
        }
        if (!m.components().isEmpty()) {
            head.append("**").append(escape(m.componentsLabel())).append(":**\n");
            m.components().forEach(line -> head.append("• ").append(escape(line)).append('\n'));
        }
        String link = "\n[" + escape(m.linkLabel()) + "](" + m.link() + ")";
        if (m.update() == null) {
            return head.toString().stripTrailing() + "\n" + link;
        }
        String label = m.updateLabel() == null ? "\n" : "\n**" + escape(m.updateLabel()) + "**\n";
        int room = Math.max(0, DESCRIPTION_LIMIT - head.length() - label.length() - link.length() - 1);
        return head + label + Fit.escaped(m.update(), room, DiscordService::escape) + "\n" + link;
    }

    static String escape(String raw) {
        return Markup.markdown(Markup.defuseMentions(raw));
    }

    /** The message's id from {@code ?wait=true}; a 429's {@code retry_after} (seconds) as the hint. */
    static Reply reply(OutboundHttp.Answer answer, JsonNode body, Instant now) {
        if (answer.status() == 429) {
            Duration own = body.has("retry_after")
                    ? Duration.ofMillis((long) (body.path("retry_after").asDouble() * 1000)) : null;
            return Reply.retry("Discord is rate limiting" + (body.path("global").asBoolean(false) ? " (global)" : ""),
                    429, Replies.hint(own, answer.retryAfter(), now));
        }
        return Replies.of("Discord", answer, body.path("id").asText(null), now);
    }
}
