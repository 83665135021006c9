package io.heraldo.channel.slack;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.channel.chat.ChatConfig;
import io.heraldo.channel.chat.ChatHttp;
import io.heraldo.channel.chat.ChatService;
import io.heraldo.channel.chat.Fields;
import io.heraldo.channel.chat.Masks;
import io.heraldo.channel.chat.Reply;

/**
 * Slack, two ways (contract section 6): an incoming webhook ({@code url}), one message per update; or a bot
 * ({@code token} and {@code channel}) through {@code chat.postMessage}, where later updates reply in the first
 * message's thread ({@code thread_ts}, the {@code ts} Slack gave it).
 */
@ApplicationScoped
public class SlackService implements ChatService {

    private static final Pattern CHANNEL = Pattern.compile("[#@]?[A-Za-z0-9._-]{1,80}");

    private final ChatHttp http;
    private final ChatConfig config;

    public SlackService(ChatHttp http, ChatConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public Set<String> fieldNames() {
        return Set.of("url", "token", "channel");
    }

    @Override
    public Map<String, String> fields(Map<String, String> given) throws InvalidDestination {
        String url = given.get("url");
        String token = given.get("token");
        String channel = given.get("channel");
        if (url != null && (token != null || channel != null)) {
            throw new InvalidDestination(token != null ? "token" : "channel",
                    "give either url (an incoming webhook) or token and channel (a bot), not both");
        }
        if (url != null) {
            return Map.of("url", Fields.url("url", url));
        }
        if (token == null && channel == null) {
            throw new InvalidDestination("url", "is required (an incoming webhook), or token and channel (a bot)");
        }
        Map<String, String> bot = new LinkedHashMap<>();
        bot.put("token", Fields.token("token", token));
        bot.put("channel", Fields.matching("channel", channel, CHANNEL, "a channel id (C0123ABC) or name"));
        return bot;
    }

    @Override
    public Map<String, String> masked(Map<String, String> fields) {
        if (fields.containsKey("url")) {
            return Map.of("url", Masks.url(fields.get("url")));
        }
        return Map.of("token", Masks.token(fields.get("token")), "channel", fields.get("channel"));
    }

    @Override
    public CompletionStage<Reply> send(Post post) {
        ObjectNode payload = SlackBlocks.render(post.message(), http.json());
        String url = post.field("url");
        if (url != null) {
            return http.send("POST", URI.create(url), ChatHttp.Target.OPERATOR, Map.of(), payload,
                    answer -> SlackReplies.webhook(answer, Instant.now()));
        }
        ObjectNode message = http.json().createObjectNode().put("channel", post.field("channel"));
        message.setAll(payload);
        if (post.rootId() != null) {
            message.put("thread_ts", post.rootId());
        }
        message.put("unfurl_links", false).put("unfurl_media", false);
        return http.send("POST", URI.create(Fields.join(config.slackApiUrl(), "chat.postMessage")),
                ChatHttp.Target.CONFIGURED, Map.of("authorization", "Bearer " + post.field("token")), message,
                answer -> SlackReplies.api(answer, http.read(answer.body()), Instant.now()));
    }
}
