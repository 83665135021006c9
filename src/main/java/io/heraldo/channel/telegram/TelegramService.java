package io.heraldo.channel.telegram;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.channel.chat.ChatConfig;
import io.heraldo.channel.chat.ChatHttp;
import io.heraldo.channel.chat.ChatMessage;
import io.heraldo.channel.chat.ChatService;
import io.heraldo.channel.chat.Fields;
import io.heraldo.channel.chat.Fit;
import io.heraldo.channel.chat.Markup;
import io.heraldo.channel.chat.Replies;
import io.heraldo.channel.chat.Reply;
import io.heraldo.platform.http.OutboundHttp;

/**
 * A Telegram chat through a bot (contract section 6): {@code sendMessage} with {@code parse_mode: HTML}, event text
 * HTML-escaped and every {@code @} that starts a word broken apart (a {@code @username} would notify that user).
 * Later updates reply to the first message of their incident ({@code reply_parameters}); a 429 waits its
 * {@code parameters.retry_after}. At most 4,096 characters as Telegram counts them (after reading the HTML), the
 * update cut on a word boundary, the link never cut.
 */
@ApplicationScoped
public class TelegramService implements ChatService {

    static final int TEXT_LIMIT = 4_096;
    private static final Pattern TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{20,200}");
    private static final Pattern CHAT_ID = Pattern.compile("-?\\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,64}");

    private final ChatHttp http;
    private final ChatConfig config;

    public TelegramService(ChatHttp http, ChatConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public String type() {
        return "telegram";
    }

    @Override
    public Set<String> fieldNames() {
        return Set.of("token", "chatId");
    }

    @Override
    public Map<String, String> fields(Map<String, String> given) throws InvalidDestination {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", Fields.matching("token", given.get("token"), TOKEN,
                "a bot token as BotFather gives it (123456789:AA…)"));
        fields.put("chatId", Fields.matching("chatId", given.get("chatId"), CHAT_ID,
                "a chat id (-1001234567890) or a channel's @username"));
        return fields;
    }

    @Override
    public List<String> urlFields() {
        return List.of();
    }

    /** The bot's id (before the colon) is public; the rest of the token is the secret. */
    @Override
    public Map<String, String> masked(Map<String, String> fields) {
        String token = fields.get("token");
        return Map.of("token", token.substring(0, token.indexOf(':') + 1) + "****", "chatId", fields.get("chatId"));
    }

    @Override
    public CompletionStage<Reply> send(Post post) {
        ObjectNode message = render(post.message(), http.json());
        String chatId = post.field("chatId");
        if (chatId.startsWith("@")) {
            message.put("chat_id", chatId);
        } else {
            message.put("chat_id", Long.parseLong(chatId));
        }
        if (post.rootId() != null) {
            message.putObject("reply_parameters").put("message_id", Long.parseLong(post.rootId()))
                    .put("allow_sending_without_reply", true);
        }
        URI url = URI.create(Fields.join(config.telegramApiUrl(), "bot" + post.field("token") + "/sendMessage"));
        return http.send("POST", url, ChatHttp.Target.CONFIGURED, Map.of(), message,
                answer -> reply(answer, http.read(answer.body()), Instant.now()));
    }

    static ObjectNode render(ChatMessage m, ObjectMapper json) {
        ObjectNode message = json.createObjectNode();
        message.put("text", text(m));
        message.put("parse_mode", "HTML");
        message.putObject("link_preview_options").put("is_disabled", true);
        return message;
    }

    /**
     * Telegram's HTML; {@link #TEXT_LIMIT} counts what is read, the text without its tags and entities (mentions
     * broken apart first, so the breaks count too).
     */
    static String text(ChatMessage m) {
        StringBuilder html = new StringBuilder();
        int[] visible = { 0 };
        bold(html, visible, m.headline());
        for (ChatMessage.Fact fact : m.facts()) {
            plain(html, visible, "\n");
            bold(html, visible, fact.label() + ":");
            plain(html, visible, " " + fact.value());
        }
        if (!m.components().isEmpty()) {
            plain(html, visible, "\n");
            bold(html, visible, m.componentsLabel() + ":");
            m.components().forEach(line -> plain(html, visible, "\n• " + line));
        }
        String label = Markup.defuseMentions(m.linkLabel());
        int linkLength = 2 + label.length();
        if (m.update() != null) {
            plain(html, visible, "\n\n");
            if (m.updateLabel() != null) {
                bold(html, visible, m.updateLabel());
                plain(html, visible, "\n");
            }
            String update = Markup.defuseMentions(m.update());
            html.append(Markup.html(Fit.words(update, Math.max(0, TEXT_LIMIT - visible[0] - linkLength))));
        }
        return html.append("\n\n<a href=\"").append(Markup.html(m.link())).append("\">").append(Markup.html(label))
                .append("</a>").toString();
    }

    private static void bold(StringBuilder html, int[] visible, String raw) {
        String text = Markup.defuseMentions(raw);
        html.append("<b>").append(Markup.html(text)).append("</b>");
        visible[0] += text.length();
    }

    private static void plain(StringBuilder html, int[] visible, String raw) {
        String text = Markup.defuseMentions(raw);
        html.append(Markup.html(text));
        visible[0] += text.length();
    }

    /**
     * {@code {"ok": true, "result": {"message_id"}}}; a 429's {@code parameters.retry_after} as the hint; a refused
     * token, a bot blocked or removed, a chat that does not exist or moved: the destination is disabled.
     */
    static Reply reply(OutboundHttp.Answer answer, JsonNode body, Instant now) {
        int status = answer.status();
        String description = body.path("description").asText("");
        if (status == 200 && body.path("ok").asBoolean(false)) {
            JsonNode id = body.path("result").path("message_id");
            return Reply.sent(status, id.isMissingNode() || id.isNull() ? null : id.asText());
        }
        if (status == 429) {
            JsonNode after = body.path("parameters").path("retry_after");
            return Reply.retry("Telegram is rate limiting: " + description, status,
                    Replies.hint(after.isNumber() ? Duration.ofSeconds(after.asLong()) : null, answer.retryAfter(), now));
        }
        JsonNode migrated = body.path("parameters").path("migrate_to_chat_id");
        if (!migrated.isMissingNode()) {
            return Reply.disable("Telegram: the group became a supergroup; register its new chatId " + migrated.asText(),
                    status);
        }
        if (status == 401 || status == 403 || status == 404
                || (status == 400 && description.toLowerCase(Locale.ROOT).contains("chat not found"))) {
            return Reply.disable("Telegram refused the bot or the chat (" + status + "): " + description, status);
        }
        if (Replies.passes(status)) {
            return Reply.retry("Telegram answered " + status + ": " + description, status,
                    Replies.hint(null, answer.retryAfter(), now));
        }
        return Reply.failed("Telegram refused the message (" + status + "): " + description, status);
    }
}
