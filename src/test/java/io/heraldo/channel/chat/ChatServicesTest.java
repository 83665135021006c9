package io.heraldo.channel.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.Delivery;
import io.heraldo.channel.SendResult;
import io.heraldo.channel.TargetRules;
import io.heraldo.channel.chat.ChatMessage.Fact;
import io.heraldo.channel.chat.LocalChat.Message;
import io.heraldo.channel.discord.DiscordService;
import io.heraldo.channel.googlechat.GoogleChatService;
import io.heraldo.channel.matrix.MatrixService;
import io.heraldo.channel.mattermost.MattermostService;
import io.heraldo.channel.slack.SlackService;
import io.heraldo.channel.teams.TeamsService;
import io.heraldo.channel.telegram.TelegramService;
import io.vertx.core.Vertx;

/**
 * Every chat service against {@link LocalChat} over real HTTP, without the application: hostile text stays text in
 * each one's markup (no mention, no link but the incident's), long text is cut to each one's limit with the link
 * whole, threads carry the first message's id, and each service's answers (rate limits with their own hints,
 * server errors, refused credentials) become the right reply.
 */
class ChatServicesTest {

    static final String HOSTILE = "<script>alert(1)</script> @everyone @here @channel @all @room <@123> <@&456> "
            + "<!channel> <!here> <users/all> [click](javascript:alert(1)) *bold* _it_ `code` # heading & &amp; "
            + "@someone_else ayuda@zbox.test";
    static final String LINK = "https://status.zbox.test/incidents/inc-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private static LocalChat chat;
    private static Map<String, ChatService> services;
    private static ChatHttp guarded;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        chat = LocalChat.start();
        ChatHttp http = new ChatHttp(vertx, config(chat), rules(true), JSON);
        guarded = new ChatHttp(vertx, config(chat), rules(false), JSON);
        services = Map.of("slack", new SlackService(http, config(chat)), "teams", new TeamsService(http),
                "discord", new DiscordService(http), "googlechat", new GoogleChatService(http),
                "mattermost", new MattermostService(http), "telegram", new TelegramService(http, config(chat)),
                "matrix", new MatrixService(http));
    }

    @AfterAll
    static void stop() throws Exception {
        chat.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void hostileTextStaysTextInEveryServicesMarkup() {
        String marker = marker();
        ChatMessage message = message(marker + " " + HOSTILE, HOSTILE + "\n- list\n1. one\n> quote", marker);
        for (Destination d : destinations(marker)) {
            Reply reply = send(d, message, Delivery.Thread.START);
            assertThat(reply.result()).as(d.label()).isInstanceOf(SendResult.Sent.class);
        }
        assertThat(chat.malformed()).isEmpty();

        StandInReading.Read slackHook = slack(only("slack-hook", marker).json());
        StandInReading.Read slackBot = slack(only("slack-api", marker).json());
        for (StandInReading.Read read : List.of(slackHook, slackBot)) {
            assertThat(read.mentions()).isEmpty();
            assertThat(read.links()).containsExactly(LINK);
            assertThat(read.visible()).contains("<script>alert(1)</script>").contains("<!channel>").contains("& &amp;");
        }
        StandInReading.Read mattermost = StandInReading.mattermost(only("mattermost", marker).json().path("text").asText());
        assertThat(mattermost.mentions()).isEmpty();
        assertThat(mattermost.links()).containsExactly(LINK);

        JsonNode discord = only("discord", marker).json();
        StandInReading.Read embed = StandInReading.discord(discord.at("/embeds/0/title").asText() + "\n"
                + discord.at("/embeds/0/description").asText());
        assertThat(embed.mentions()).isEmpty();
        assertThat(embed.links()).containsExactly(LINK);
        assertThat(discord.at("/allowed_mentions/parse").isEmpty()).isTrue();
        assertThat(discord.at("/embeds/0/url").asText()).isEqualTo(LINK);

        StandInReading.Read telegram = StandInReading.telegram(only("telegram", marker).json().path("text").asText());
        assertThat(telegram.problems()).isEmpty();
        assertThat(telegram.mentions()).isEmpty();
        assertThat(telegram.links()).containsExactly(LINK);
        assertThat(telegram.visible()).contains("<script>alert(1)</script>").contains("[click](javascript:alert(1))");

        JsonNode matrix = only("matrix", marker).json();
        StandInReading.Read formatted = StandInReading.matrix(matrix.path("formatted_body").asText());
        assertThat(formatted.problems()).isEmpty();
        assertThat(formatted.mentions()).isEmpty();
        assertThat(formatted.links()).containsExactly(LINK);
        assertThat(matrix.path("body").asText()).doesNotContainPattern("(?<![\\w.+-])@(room|everyone)\\b");
        assertThat(matrix.path("m.mentions").isObject() && matrix.path("m.mentions").isEmpty()).isTrue();

        JsonNode google = only("googlechat", marker).json();
        assertThat(StandInReading.googleChatText(google.path("text").asText()).mentions()).isEmpty();
        for (JsonNode widget : google.at("/cardsV2/0/card/sections/0/widgets")) {
            String html = widget.has("textParagraph") ? widget.at("/textParagraph/text").asText()
                    : widget.at("/decoratedText/text").asText();
            StandInReading.Read card = StandInReading.card(html);
            assertThat(card.problems()).as(html).isEmpty();
            assertThat(card.links()).isEmpty();
        }

        JsonNode teams = only("teams", marker).json().at("/attachments/0/content");
        assertThat(teams.at("/body").findValues("type").stream().map(JsonNode::asText))
                .containsOnly("RichTextBlock", "TextRun");
        assertThat(teams.at("/actions/0/url").asText()).isEqualTo(LINK);
        assertThat(teams.toString()).doesNotContain("\"TextBlock\"");
    }

    @Test
    void longTextIsCutToEachServicesLimitOnAWordAndTheLinkStaysWhole() {
        String marker = marker();
        String words = ("palabra " + marker + " ").repeat(2_000);
        ChatMessage message = message("Caída " + marker + " " + "larga ".repeat(100), words, marker);
        for (Destination d : destinations(marker)) {
            assertThat(send(d, message, Delivery.Thread.START).result()).as(d.label()).isInstanceOf(SendResult.Sent.class);
        }
        assertThat(chat.malformed()).isEmpty();
        JsonNode slack = only("slack-hook", marker).json();
        assertThat(slack.at("/blocks/0/text/text").asText()).hasSizeLessThanOrEqualTo(150).endsWith("larga…");
        String update = slack.at("/blocks/3/text/text").asText();
        assertThat(update).hasSizeLessThanOrEqualTo(3_000).startsWith("*Latest update*\n");
        assertCutOnAWordNear(update, words, 3_000);
        assertThat(slack.at("/blocks/4/text/text").asText()).isEqualTo("<" + LINK + "|View the incident>");
        String discord = only("discord", marker).json().at("/embeds/0/description").asText();
        assertThat(discord).hasSizeLessThanOrEqualTo(4_096).endsWith("…\n\n[View the incident](" + LINK + ")");
        assertCutOnAWordNear(discord, words, 4_096);
        String telegram = StandInReading.telegram(only("telegram", marker).json().path("text").asText()).visible();
        assertThat(telegram).hasSizeLessThanOrEqualTo(4_096).endsWith("…\n\nView the incident");
        assertCutOnAWordNear(telegram, words, 4_096);
        assertThat(only("telegram", marker).json().path("text").asText()).endsWith("<a href=\"" + LINK + "\">View the incident</a>");
        JsonNode teams = only("teams", marker).json();
        assertThat(teams.toString().length()).isLessThan(28_000);
        assertThat(teams.at("/attachments/0/content/actions/0/url").asText()).isEqualTo(LINK);
        assertThat(only("mattermost", marker).json().path("text").asText()).endsWith("](" + LINK + ")");
        assertThat(only("matrix", marker).json().path("body").asText()).endsWith(": " + LINK);
    }

    @Test
    void laterUpdatesThreadUnderTheFirstMessageAndAMatrixRetryIsTheSameTransaction() {
        String marker = marker();
        ChatMessage message = message("Caída " + marker, "Lo estamos revisando.", marker);
        Map<String, Destination> byService = Map.of("slack-api", slackBot(marker), "telegram", telegram(marker),
                "matrix", matrix(marker), "googlechat", hook("googlechat", marker));
        for (Map.Entry<String, Destination> d : byService.entrySet()) {
            String root = ((SendResult.Sent) send(d.getValue(), message, Delivery.Thread.START).result()).externalId();
            assertThat(root).as(d.getKey()).isNotNull();
            send(d.getValue(), message, new Delivery.Thread(root, root));
            List<Message> thread = chat.messages(d.getKey(), marker);
            assertThat(thread).hasSize(2);
            assertThat(thread.get(0).replyTo()).isEqualTo(d.getKey().equals("googlechat") ? "inc-" + marker : null);
            assertThat(thread.get(1).replyTo()).as(d.getKey())
                    .isEqualTo(d.getKey().equals("googlechat") ? "inc-" + marker : root);
        }
        JsonNode relation = chat.messages("matrix", marker).get(1).json().path("m.relates_to");
        assertThat(relation.path("is_falling_back").asBoolean()).isTrue();
        assertThat(relation.at("/m.in_reply_to/event_id").asText()).isEqualTo(relation.path("event_id").asText());

        // The same delivery again (a retry after a lost answer): the homeserver knows the transaction.
        Destination room = matrix(marker + "-txn");
        ChatService.Post post = new ChatService.Post("dlv_same", room.destination(), message, Delivery.Thread.START);
        String first = sent(services.get("matrix").send(post).toCompletableFuture().join());
        String again = sent(services.get("matrix").send(post).toCompletableFuture().join());
        assertThat(again).isEqualTo(first);
        assertThat(chat.messagesTo("matrix", room.destination().fields().get("roomId"))).hasSize(1);
    }

    @Test
    void rateLimitsWaitTheServicesOwnHintAndServerErrorsAreRetried() {
        String marker = marker();
        ChatMessage message = message("Caída " + marker, "Lento.", marker);
        chat.answerOnce("slack-api", marker, 429, Map.of("Retry-After", "7"), "{\"ok\":false,\"error\":\"ratelimited\"}");
        chat.answerOnce("telegram", marker, 429, Map.of(),
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\","
                        + "\"parameters\":{\"retry_after\":5}}");
        chat.answerOnce("matrix", marker, 429, Map.of(),
                "{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too many requests\",\"retry_after_ms\":2500}");
        chat.answerOnce("discord", marker, 429, Map.of("Retry-After", "1"),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}");
        chat.answerOnce("teams", marker, 502, Map.of(), "bad gateway");
        chat.answerOnce("googlechat", marker, 503, Map.of("Retry-After", "4"), "{\"error\":{\"code\":503}}");
        chat.answerOnce("mattermost", marker, 500, Map.of(), "{\"message\":\"db down\"}");
        chat.answerOnce("slack-hook", marker, 500, Map.of(), "rollup_error");

        assertThat(hint(send(slackBot(marker), message, Delivery.Thread.START))).isEqualTo(Duration.ofSeconds(7));
        assertThat(hint(send(telegram(marker), message, Delivery.Thread.START))).isEqualTo(Duration.ofSeconds(5));
        assertThat(hint(send(matrix(marker), message, Delivery.Thread.START))).isEqualTo(Duration.ofMillis(2_500));
        assertThat(hint(send(hook("discord", marker), message, Delivery.Thread.START))).isEqualTo(Duration.ofMillis(1_500));
        assertThat(hint(send(hook("googlechat", marker), message, Delivery.Thread.START))).isEqualTo(Duration.ofSeconds(4));
        for (String service : List.of("teams", "mattermost", "slack")) {
            Reply reply = send(hook(service, marker), message, Delivery.Thread.START);
            assertThat(reply.result()).as(service).isInstanceOf(SendResult.Retry.class);
            assertThat(reply.disables()).isNull();
        }
    }

    @Test
    void refusedCredentialsAndGoneWebhooksDisableWithTheServicesReason() {
        String marker = marker();
        ChatMessage message = message("Caída " + marker, "Lo estamos revisando.", marker);
        Map<Destination, String> reasons = Map.of(slackBot(marker), "invalid_auth", telegram(marker),
                "bot was blocked by the user", matrix(marker), "M_UNKNOWN_TOKEN", hook("discord", marker), "404",
                hook("slack", marker), "no_service", hook("teams", marker), "404");
        for (Map.Entry<Destination, String> d : reasons.entrySet()) {
            chat.revoke(d.getKey().credential());
            Reply reply = send(d.getKey(), message, Delivery.Thread.START);
            assertThat(reply.disables()).as("%s answered %s", d.getKey().label(), reply.result())
                    .contains(d.getValue());
            assertThat(reply.result()).isInstanceOf(SendResult.Failed.class);
        }
    }

    @Test
    void aWebhookUrlInAPrivateNetworkIsRefusedAtEverySendWithoutReachingIt() {
        String marker = marker();
        Reply reply = new DiscordService(guarded).send(new ChatService.Post("dlv_1", hook("discord", marker).destination(),
                message("Caída " + marker, "x", marker), Delivery.Thread.START)).toCompletableFuture().join();
        assertThat(((SendResult.Failed) reply.result()).reason()).startsWith("refused target: 127.0.0.1 resolves to")
                .contains("loopback");
        assertThat(chat.requests("discord", marker)).isEmpty();
    }

    // ---- the destinations and messages of these tests

    record Destination(String label, ChatDestination destination, String credential) {
    }

    private static List<Destination> destinations(String marker) {
        return List.of(hook("slack", marker), slackBot(marker), hook("teams", marker), hook("discord", marker),
                hook("googlechat", marker), hook("mattermost", marker), telegram(marker), matrix(marker));
    }

    private static Destination hook(String service, String marker) {
        String id = service + "-" + marker;
        String url = service.equals("googlechat") ? chat.googleChatHook(id) : chat.hook(service, id);
        return new Destination(service, destination(service, Map.of("url", url)), id);
    }

    private static Destination slackBot(String marker) {
        String token = "xoxb-test-" + marker;
        return new Destination("slack bot", destination("slack", Map.of("token", token, "channel", "C" + marker)), token);
    }

    private static Destination telegram(String marker) {
        String token = "123456:" + marker + "-AAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        return new Destination("telegram", destination("telegram", Map.of("token", token, "chatId", "-100"
                + Math.abs(marker.hashCode()))), token);
    }

    private static Destination matrix(String marker) {
        String token = "syt_test_" + marker;
        return new Destination("matrix", destination("matrix", Map.of("homeserver", chat.matrixHomeserver(),
                "roomId", "!" + marker + ":zbox.test", "accessToken", token)), token);
    }

    private static ChatDestination destination(String type, Map<String, String> fields) {
        return new ChatDestination("dst_" + UUID.randomUUID(), type, null, fields, List.of(), List.of(), "en", true,
                null, null, OffsetDateTime.now());
    }

    static ChatMessage message(String headline, String update, String marker) {
        return new ChatMessage(headline, List.of(new Fact("Status", "Investigating"), new Fact("Impact", "Major")),
                "Components", List.of("LDAP " + marker + ": Major outage", "Webmail: Partial outage"), "Latest update",
                update, LINK, "View the incident", ChatMessage.Tone.MAJOR,
                OffsetDateTime.of(2026, 5, 3, 10, 0, 0, 0, ZoneOffset.UTC), "inc-" + marker);
    }

    private static Reply send(Destination d, ChatMessage message, Delivery.Thread thread) {
        ChatService.Post post = new ChatService.Post("dlv_" + UUID.randomUUID(), d.destination(), message, thread);
        return services.get(d.destination().type()).send(post).toCompletableFuture().join();
    }

    private static Message only(String service, String marker) {
        List<Message> messages = chat.messages(service, marker);
        assertThat(messages).as(service).hasSize(1);
        return messages.get(0);
    }

    private static StandInReading.Read slack(JsonNode payload) {
        return StandInReading.slack(StandInReading.strings(payload));
    }

    /**
     * The update in {@code shown} is a start of {@code original} that ends where one of its words ends, followed by
     * "…", and the message uses its room: it is within a few words of {@code limit}, not cut short.
     */
    private static void assertCutOnAWordNear(String shown, String original, int limit) {
        int start = shown.indexOf(original.substring(0, 17));
        int end = shown.lastIndexOf(Fit.ELLIPSIS);
        assertThat(start).as("the update's start in %s", shown).isGreaterThanOrEqualTo(0);
        assertThat(end).as("an ellipsis after the update").isGreaterThan(start);
        String kept = shown.substring(start, end);
        assertThat(original).startsWith(kept + " ");
        assertThat(shown.length()).as("length of the message, cut for a limit of %d", limit).isGreaterThan(limit - 200);
    }

    private static String sent(Reply reply) {
        return ((SendResult.Sent) reply.result()).externalId();
    }

    private static Duration hint(Reply reply) {
        SendResult.Retry retry = (SendResult.Retry) reply.result();
        return ((SendResult.RetryAfter.Hint) retry.after()).delay();
    }

    private static String marker() {
        return "m" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ChatConfig config(LocalChat chat) {
        return new ChatConfig() {
            public String slackApiUrl() {
                return chat.slackApiUrl();
            }

            public String telegramApiUrl() {
                return chat.telegramApiUrl();
            }

            public int concurrency() {
                return 4;
            }

            public int destinationConcurrency() {
                return 2;
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            public Duration timeout() {
                return Duration.ofSeconds(5);
            }
        };
    }

    static TargetRules rules(boolean allowPrivate) {
        return new TargetRules() {
            public List<Duration> retrySchedule() {
                return List.of(Duration.ofSeconds(1));
            }

            public boolean allowPrivateTargets() {
                return allowPrivate;
            }

            public Duration disableAfter() {
                return Duration.ofDays(5);
            }
        };
    }
}
