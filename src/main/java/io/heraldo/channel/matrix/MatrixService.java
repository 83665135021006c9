package io.heraldo.channel.matrix;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.channel.chat.ChatHttp;
import io.heraldo.channel.chat.ChatMessage;
import io.heraldo.channel.chat.ChatService;
import io.heraldo.channel.chat.Fields;
import io.heraldo.channel.chat.Fit;
import io.heraldo.channel.chat.Markup;
import io.heraldo.channel.chat.Masks;
import io.heraldo.channel.chat.Replies;
import io.heraldo.channel.chat.Reply;
import io.heraldo.platform.http.OutboundHttp;

/**
 * A Matrix room through the client-server API (contract section 6): {@code PUT …/send/m.room.message/{txnId}} with
 * the delivery id as transaction id, so a retry is the same transaction and the homeserver posts it once. A plain
 * {@code body} and an HTML-escaped {@code formatted_body}; {@code "m.mentions": {}} says the message mentions nobody
 * (homeservers then skip the display-name and {@code @room} rules), and each {@code @} that starts a word is broken
 * apart for those that do not. Later updates of an incident join the first message's thread ({@code m.thread}, with
 * the reply fallback to the latest one). A 429 waits its {@code retry_after_ms}.
 */
@ApplicationScoped
public class MatrixService implements ChatService {

    /** Events are at most 64 KiB; the update is kept well within. */
    static final int UPDATE_LIMIT = 16_000;
    private static final Pattern ROOM_ID = Pattern.compile("![\\x21-\\x7E]{1,254}");

    private final ChatHttp http;

    public MatrixService(ChatHttp http) {
        this.http = http;
    }

    @Override
    public String type() {
        return "matrix";
    }

    @Override
    public Set<String> fieldNames() {
        return Set.of("homeserver", "roomId", "accessToken");
    }

    @Override
    public Map<String, String> fields(Map<String, String> given) throws InvalidDestination {
        Map<String, String> fields = new LinkedHashMap<>();
        String homeserver = Fields.url("homeserver", Fields.required("homeserver", given.get("homeserver")));
        if (URI.create(homeserver).getRawQuery() != null) {
            throw new InvalidDestination("homeserver", "must not have a query (?…): it is the base of the API");
        }
        fields.put("homeserver", homeserver.endsWith("/") ? homeserver.substring(0, homeserver.length() - 1) : homeserver);
        fields.put("roomId", Fields.matching("roomId", given.get("roomId"), ROOM_ID,
                "a room id (!abc123:example.org), not an alias (#room:example.org)"));
        fields.put("accessToken", Fields.token("accessToken", given.get("accessToken")));
        return fields;
    }

    @Override
    public List<String> urlFields() {
        return List.of("homeserver");
    }

    @Override
    public Map<String, String> masked(Map<String, String> fields) {
        return Map.of("homeserver", fields.get("homeserver"), "roomId", fields.get("roomId"),
                "accessToken", Masks.token(fields.get("accessToken")));
    }

    @Override
    public CompletionStage<Reply> send(Post post) {
        ObjectNode content = render(post.message(), http.json());
        if (post.rootId() != null) {
            ObjectNode relation = content.putObject("m.relates_to").put("rel_type", "m.thread")
                    .put("event_id", post.rootId()).put("is_falling_back", true);
            String previous = post.thread().previousId() != null ? post.thread().previousId() : post.rootId();
            relation.putObject("m.in_reply_to").put("event_id", previous);
        }
        URI url = URI.create(post.field("homeserver") + "/_matrix/client/v3/rooms/" + encode(post.field("roomId"))
                + "/send/m.room.message/" + encode(post.deliveryId()));
        return http.send("PUT", url, ChatHttp.Target.OPERATOR,
                Map.of("authorization", "Bearer " + post.field("accessToken")), content,
                answer -> reply(answer, http.read(answer.body()), Instant.now()));
    }

    static ObjectNode render(ChatMessage m, ObjectMapper json) {
        StringBuilder plain = new StringBuilder(defuse(m.headline()));
        StringBuilder html = new StringBuilder("<b>").append(html(m.headline())).append("</b>");
        for (ChatMessage.Fact fact : m.facts()) {
            plain.append('\n').append(defuse(fact.label())).append(": ").append(defuse(fact.value()));
            html.append("<br><b>").append(html(fact.label())).append(":</b> ").append(html(fact.value()));
        }
        if (!m.components().isEmpty()) {
            plain.append('\n').append(defuse(m.componentsLabel())).append(':');
            html.append("<br><b>").append(html(m.componentsLabel())).append(":</b><ul>");
            for (String line : m.components()) {
                plain.append("\n• ").append(defuse(line));
                html.append("<li>").append(html(line)).append("</li>");
            }
            html.append("</ul>");
        }
        if (m.update() != null) {
            String update = Fit.words(m.update(), UPDATE_LIMIT);
            String label = m.updateLabel() == null ? "" : m.updateLabel();
            plain.append("\n\n").append(defuse(label)).append('\n').append(defuse(update));
            html.append("<p><b>").append(html(label)).append("</b><br>").append(html(update)).append("</p>");
        }
        plain.append("\n\n").append(defuse(m.linkLabel())).append(": ").append(m.link());
        html.append("<p><a href=\"").append(Markup.html(m.link())).append("\">").append(html(m.linkLabel()))
                .append("</a></p>");
        ObjectNode content = json.createObjectNode().put("msgtype", "m.text").put("body", plain.toString())
                .put("format", "org.matrix.custom.html").put("formatted_body", html.toString());
        content.putObject("m.mentions");
        return content;
    }

    private static String defuse(String raw) {
        return Markup.defuseMentions(raw);
    }

    private static String html(String raw) {
        return Markup.html(Markup.defuseMentions(raw)).replace("\n", "<br>");
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * {@code {"event_id"}}; {@code M_LIMIT_EXCEEDED} waits its {@code retry_after_ms}; a refused token, a room the
     * user may not post in, or a homeserver path that is not there disables the destination.
     */
    static Reply reply(OutboundHttp.Answer answer, JsonNode body, Instant now) {
        int status = answer.status();
        String code = body.path("errcode").asText("");
        String error = body.path("error").asText("");
        if (status == 429 || "M_LIMIT_EXCEEDED".equals(code)) {
            JsonNode ms = body.path("retry_after_ms");
            return Reply.retry("Matrix is rate limiting: " + code, status,
                    Replies.hint(ms.isNumber() ? Duration.ofMillis(ms.asLong()) : null, answer.retryAfter(), now));
        }
        if (status >= 200 && status < 300) {
            return Reply.sent(status, body.path("event_id").asText(null));
        }
        if (Replies.refusesForGood(status) || "M_UNKNOWN_TOKEN".equals(code) || "M_MISSING_TOKEN".equals(code)
                || "M_FORBIDDEN".equals(code)) {
            return Reply.disable("Matrix refused the access token or the room (" + status + " " + code + "): " + error,
                    status);
        }
        return Replies.of("Matrix", answer, null, now);
    }
}
