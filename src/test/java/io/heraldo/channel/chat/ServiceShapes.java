package io.heraldo.channel.chat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The chat services' APIs as {@link LocalChat} plays them: which path is which service, what a request must look
 * like (from each service's documentation), how an accepted message is answered and how revoked credentials are.
 */
final class ServiceShapes {

    /** A request's service, from its method and path. */
    record Route(String service, String pathTarget, String pathCredential, String transaction) {

        /** The webhook id, Slack channel, Telegram chat or Matrix room. */
        String target(JsonNode json) {
            return switch (service) {
                case "slack-api" -> json.path("channel").asText();
                case "telegram" -> json.path("chat_id").asText();
                default -> pathTarget;
            };
        }

        /** What a revocation names: the token of a token API, else the webhook's id. */
        String credential(String authorization) {
            if (pathCredential != null) {
                return pathCredential;
            }
            return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        }
    }

    /** An answer; {@code accepted} when it is a new message. */
    record Answer(int status, Map<String, String> headers, String body, Accepted accepted) {
    }

    /** A new message's id and what it threads under. */
    record Accepted(String id, String replyTo) {
    }

    @FunctionalInterface
    interface Known {
        boolean has(String service, String target, String id);
    }

    private static final Pattern HOOK = Pattern.compile("/hooks/(slack|teams|discord|googlechat|mattermost)/([^/]+)");
    private static final Pattern TELEGRAM = Pattern.compile("/telegram/bot([^/]+)/sendMessage");
    private static final Pattern MATRIX = Pattern.compile(
            "/matrix/_matrix/client/v3/rooms/([^/]+)/send/m\\.room\\.message/([^/]+)");
    private static final Set<String> CARD_ELEMENTS = Set.of("RichTextBlock", "TextBlock", "FactSet", "ColumnSet",
            "Container", "Image");

    private ServiceShapes() {
    }

    static Route route(String method, String path) {
        Matcher hook = HOOK.matcher(path);
        if (hook.matches() && method.equals("POST")) {
            String service = hook.group(1).equals("slack") ? "slack-hook" : hook.group(1);
            return new Route(service, hook.group(2), hook.group(2), null);
        }
        if (path.equals("/slack/api/chat.postMessage") && method.equals("POST")) {
            return new Route("slack-api", null, null, null);
        }
        Matcher telegram = TELEGRAM.matcher(path);
        if (telegram.matches() && method.equals("POST")) {
            return new Route("telegram", null, telegram.group(1), null);
        }
        Matcher matrix = MATRIX.matcher(path);
        if (matrix.matches() && method.equals("PUT")) {
            return new Route("matrix", URLDecoder.decode(matrix.group(1), StandardCharsets.UTF_8), null,
                    URLDecoder.decode(matrix.group(2), StandardCharsets.UTF_8));
        }
        return null;
    }

    /** What is wrong with a request, or {@code null}. */
    static String problem(Route route, JsonNode json, Map<String, String> query, String authorization) {
        if (!json.isObject()) {
            return "the body is not a JSON object";
        }
        return switch (route.service()) {
            case "slack-hook" -> slack(json);
            case "slack-api" -> authorization == null || !authorization.startsWith("Bearer ") ? "no bearer token"
                    : !json.path("channel").isTextual() ? "no channel" : slack(json);
            case "teams" -> teams(json);
            case "discord" -> discord(json, query);
            case "googlechat" -> googleChat(json, query);
            case "mattermost" -> !json.path("text").isTextual() || json.path("text").asText().isEmpty()
                    || json.path("text").asText().length() > 16_383 ? "text missing or over 16,383" : null;
            case "telegram" -> telegram(json);
            case "matrix" -> matrix(json, authorization);
            default -> "unknown service";
        };
    }

    private static String slack(JsonNode json) {
        if (!json.path("text").isTextual() || json.path("text").asText().isBlank()) {
            return "no text";
        }
        JsonNode blocks = json.path("blocks");
        if (!blocks.isArray() || blocks.isEmpty() || blocks.size() > 50) {
            return "blocks must be 1 to 50";
        }
        for (JsonNode block : blocks) {
            String type = block.path("type").asText();
            if (type.equals("header") && (!block.path("text").path("type").asText().equals("plain_text")
                    || block.path("text").path("text").asText().length() > 150)) {
                return "a header is plain_text of at most 150";
            }
            if (type.equals("section") && block.path("text").path("text").asText().length() > 3_000) {
                return "a section's text is at most 3,000";
            }
            if (type.equals("section") && block.has("fields")) {
                if (block.path("fields").size() > 10) {
                    return "a section has at most 10 fields";
                }
                for (JsonNode field : block.path("fields")) {
                    if (field.path("text").asText().length() > 2_000) {
                        return "a field is at most 2,000";
                    }
                }
            }
            if (!Set.of("header", "section", "context", "divider", "actions").contains(type)) {
                return "unknown block type " + type;
            }
        }
        return null;
    }

    private static String teams(JsonNode json) {
        JsonNode attachment = json.path("attachments").path(0);
        JsonNode card = attachment.path("content");
        if (!json.path("type").asText().equals("message") || json.path("attachments").size() != 1
                || !attachment.path("contentType").asText().equals("application/vnd.microsoft.card.adaptive")
                || !card.path("type").asText().equals("AdaptiveCard") || !card.path("version").asText().equals("1.4")) {
            return "not a message with one Adaptive Card 1.4";
        }
        if (!card.path("body").isArray() || card.path("body").isEmpty()) {
            return "the card has no body";
        }
        for (JsonNode element : card.path("body")) {
            if (!CARD_ELEMENTS.contains(element.path("type").asText())) {
                return "unknown card element " + element.path("type");
            }
        }
        JsonNode action = card.path("actions").path(0);
        if (!action.path("type").asText().equals("Action.OpenUrl") || !action.path("url").isTextual()) {
            return "no Action.OpenUrl";
        }
        return json.toString().getBytes(StandardCharsets.UTF_8).length > 28_000 ? "over 28 KB" : null;
    }

    private static String discord(JsonNode json, Map<String, String> query) {
        if (!"true".equals(query.get("wait"))) {
            return "no wait=true";
        }
        JsonNode parse = json.path("allowed_mentions").path("parse");
        if (!parse.isArray() || !parse.isEmpty()) {
            return "allowed_mentions.parse is not []";
        }
        JsonNode embed = json.path("embeds").path(0);
        if (json.path("embeds").size() != 1 || embed.path("title").asText().length() > 256
                || embed.path("description").asText().length() > 4_096 || !embed.path("color").isInt()
                || !embed.path("url").isTextual()) {
            return "the embed's title, description, color or url is wrong";
        }
        if (embed.has("timestamp")) {
            Instant.parse(embed.path("timestamp").asText());
        }
        return null;
    }

    private static String googleChat(JsonNode json, Map<String, String> query) {
        if (!query.containsKey("key") || !query.containsKey("token")) {
            return "the webhook's key and token are missing";
        }
        if (query.containsKey("threadKey")
                && !"REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD".equals(query.get("messageReplyOption"))) {
            return "threadKey without messageReplyOption";
        }
        if (!json.path("text").isTextual() || json.path("text").asText().length() > 4_096) {
            return "text missing or over 4,096";
        }
        return json.has("cardsV2") && !json.path("cardsV2").isArray() ? "cardsV2 is not a list" : null;
    }

    private static String telegram(JsonNode json) {
        if (json.path("chat_id").isMissingNode() || !json.path("text").isTextual()
                || !"HTML".equals(json.path("parse_mode").asText())
                || !json.path("link_preview_options").path("is_disabled").asBoolean(false)) {
            return "chat_id, text, parse_mode HTML or link_preview_options.is_disabled missing";
        }
        StandInReading.Read read = StandInReading.telegram(json.path("text").asText());
        if (!read.problems().isEmpty()) {
            return "Bad Request: can't parse entities: " + read.problems();
        }
        return read.visible().length() > 4_096 ? "Bad Request: message is too long" : null;
    }

    private static String matrix(JsonNode json, String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "M_MISSING_TOKEN";
        }
        if (!"m.text".equals(json.path("msgtype").asText()) || !json.path("body").isTextual()
                || !"org.matrix.custom.html".equals(json.path("format").asText())
                || !json.path("formatted_body").isTextual()) {
            return "msgtype, body, format or formatted_body missing";
        }
        StandInReading.Read read = StandInReading.matrix(json.path("formatted_body").asText());
        if (!read.problems().isEmpty()) {
            return "formatted_body: " + read.problems();
        }
        JsonNode relation = json.path("m.relates_to");
        if (!relation.isMissingNode() && (!"m.thread".equals(relation.path("rel_type").asText())
                || !relation.path("event_id").isTextual())) {
            return "m.relates_to is not an m.thread relation";
        }
        return null;
    }

    /** How each service refuses revoked credentials or a webhook that is gone. */
    static Answer refused(String service) {
        return switch (service) {
            case "slack-api" -> new Answer(200, Map.of(), "{\"ok\":false,\"error\":\"invalid_auth\"}", null);
            case "telegram" -> new Answer(403, Map.of(),
                    "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}", null);
            case "matrix" -> new Answer(401, Map.of(),
                    "{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"Invalid access token passed.\",\"soft_logout\":false}",
                    null);
            case "discord" -> new Answer(404, Map.of(), "{\"message\": \"Unknown Webhook\", \"code\": 10015}", null);
            case "slack-hook" -> new Answer(404, Map.of(), "no_service", null);
            default -> new Answer(404, Map.of(), "", null);
        };
    }

    /** A new message accepted: its id as the service gives it, and what it threads under. */
    static Answer accept(Route route, JsonNode json, Map<String, String> query, Supplier<String> ids, Known known,
            Map<String, String> transactions) {
        String target = route.target(json);
        switch (route.service()) {
            case "slack-hook", "mattermost" -> {
                return new Answer(200, Map.of(), "ok", new Accepted(null, null));
            }
            case "teams" -> {
                return new Answer(202, Map.of(), "", new Accepted(null, null));
            }
            case "slack-api" -> {
                String threadTs = json.path("thread_ts").asText(null);
                if (threadTs != null && !known.has("slack-api", target, threadTs)) {
                    return new Answer(200, Map.of(), "{\"ok\":false,\"error\":\"thread_not_found\"}", null);
                }
                String ts = ids.get() + ".000100";
                ObjectNode answer = LocalChat.JSON.createObjectNode().put("ok", true).put("channel", target).put("ts", ts);
                answer.set("message", json);
                return new Answer(200, Map.of(), answer.toString(), new Accepted(ts, threadTs));
            }
            case "discord" -> {
                String id = ids.get();
                return new Answer(200, Map.of(), "{\"id\":\"" + id + "\",\"type\":0,\"channel_id\":\"1\"}",
                        new Accepted(id, null));
            }
            case "googlechat" -> {
                String id = ids.get();
                String thread = query.getOrDefault("threadKey", id);
                String name = "spaces/" + target + "/messages/" + id;
                return new Answer(200, Map.of(), "{\"name\":\"" + name + "\",\"thread\":{\"name\":\"spaces/" + target
                        + "/threads/" + thread + "\"}}", new Accepted(name, query.get("threadKey")));
            }
            case "telegram" -> {
                JsonNode reply = json.path("reply_parameters").path("message_id");
                String replyTo = reply.isMissingNode() ? null : reply.asText();
                if (replyTo != null && !known.has("telegram", target, replyTo)) {
                    return new Answer(400, Map.of(), "{\"ok\":false,\"error_code\":400,"
                            + "\"description\":\"Bad Request: message to be replied not found\"}", null);
                }
                String id = ids.get();
                return new Answer(200, Map.of(), "{\"ok\":true,\"result\":{\"message_id\":" + id
                        + ",\"chat\":{\"id\":" + LocalChat.JSON.valueToTree(target) + "}}}", new Accepted(id, replyTo));
            }
            case "matrix" -> {
                String previous = transactions.get(route.transaction());
                if (previous != null) {
                    return new Answer(200, Map.of(), "{\"event_id\":\"" + previous + "\"}", null);
                }
                String replyTo = json.path("m.relates_to").path("event_id").asText(null);
                if (replyTo != null && !known.has("matrix", target, replyTo)) {
                    return new Answer(400, Map.of(), "{\"errcode\":\"M_UNKNOWN\",\"error\":\"unknown thread root\"}",
                            null);
                }
                String id = "$" + ids.get();
                transactions.put(route.transaction(), id);
                return new Answer(200, Map.of(), "{\"event_id\":\"" + id + "\"}", new Accepted(id, replyTo));
            }
            default -> throw new IllegalStateException(route.service());
        }
    }
}
