package io.heraldo.channel.mattermost;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.channel.chat.ChatHttp;
import io.heraldo.channel.chat.ChatMessage;
import io.heraldo.channel.chat.Fit;
import io.heraldo.channel.chat.IncomingWebhookService;
import io.heraldo.channel.chat.Markup;
import io.heraldo.channel.chat.Replies;
import io.heraldo.channel.chat.Reply;

/**
 * Mattermost's incoming webhook (Slack-compatible, contract section 6): {@code {"text"}} in Mattermost's Markdown.
 * Event text stays text: {@code & < >} as entities (Mattermost turns a Slack-style {@code <!channel>} into
 * {@code @channel}), every Markdown character escaped, and an invisible break after each {@code @} that starts a
 * word, so {@code @channel}, {@code @here}, {@code @all} and {@code @someone} mention nobody.
 */
@ApplicationScoped
public class MattermostService extends IncomingWebhookService {

    /** Mattermost's default largest post is 16,383 characters. */
    static final int TEXT_LIMIT = 16_000;

    private final ChatHttp http;

    public MattermostService(ChatHttp http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "mattermost";
    }

    @Override
    public CompletionStage<Reply> send(Post post) {
        ObjectNode payload = http.json().createObjectNode().put("text", text(post.message()));
        return http.send("POST", URI.create(post.field(URL)), ChatHttp.Target.OPERATOR, Map.of(), payload,
                answer -> Replies.of("Mattermost", answer, null, Instant.now()));
    }

    /** The message in Mattermost's Markdown, at most {@link #TEXT_LIMIT} characters; the link is never cut. */
    static String text(ChatMessage m) {
        StringBuilder head = new StringBuilder("#### ").append(escape(m.headline()));
        for (ChatMessage.Fact fact : m.facts()) {
            head.append("\n**").append(escape(fact.label())).append(":** ").append(escape(fact.value()));
        }
        if (!m.components().isEmpty()) {
            head.append("\n**").append(escape(m.componentsLabel())).append(":**");
            m.components().forEach(line -> head.append("\n* ").append(escape(line)));
        }
        String link = "\n\n[" + escape(m.linkLabel()) + "](" + m.link() + ")";
        if (m.update() == null) {
            return head + link;
        }
        String label = m.updateLabel() == null ? "\n\n" : "\n\n**" + escape(m.updateLabel()) + "**\n";
        int room = Math.max(0, TEXT_LIMIT - head.length() - label.length() - link.length());
        return head + label + Fit.escaped(m.update(), room, MattermostService::escape) + link;
    }

    static String escape(String raw) {
        return Markup.markdown(Markup.slack(Markup.defuseMentions(raw)));
    }
}
