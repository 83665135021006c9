package io.heraldo.channel.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoProcess;
import io.heraldo.channel.chat.LocalChat.Message;
import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;

/**
 * The packaged jar keeping one incident's thread at Slack (bot), Telegram, Matrix and Google Chat across restarts:
 * stopped (SIGTERM) after the first message; the next process posts the two later updates to Slack and Google Chat
 * and is killed (SIGKILL) while Telegram's and Matrix's second message waits for a retry and their third waits for
 * the second; the last one posts the second, then the third. Every later process reads the first message's id from
 * the database the first one wrote (Slack {@code ts}, Telegram {@code message_id}, Matrix {@code event_id}; Google
 * Chat threads by the incident's key), so every update replies in the same thread, in order, and nothing is posted
 * twice.
 */
class ChatThreadsRestartIT {

    private static final String TOKEN = "restart-token";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String INCIDENT = "inc-chat-restart";
    private static final String SLACK_CHANNEL = "C0RESTART1";
    private static final String TELEGRAM_CHAT = "-1001234567890";
    private static final String ROOM = "!restart:zbox.test";
    private static final String SPACE = "restart-space";
    private static final List<String> BODIES = List.of("Primera nota del hilo.", "Segunda nota del hilo.",
            "Tercera nota del hilo.");

    @Test
    void everyThreadContinuesAcrossAStopAndAKillWithARetryPending() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "chat-restart-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 3);
                EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
                LocalChat chat = LocalChat.start()) {
            Map<String, String> settings = HeraldoProcess.externalServers(kafka, database, Map.ofEntries(
                    Map.entry("heraldo.admin.token", TOKEN),
                    Map.entry("heraldo.chat.slack-api-url", chat.slackApiUrl()),
                    Map.entry("heraldo.chat.telegram-api-url", chat.telegramApiUrl()),
                    // The stand-in listens on loopback, which the guard refuses unless told otherwise.
                    Map.entry("heraldo.webhook.allow-private-targets", "true"),
                    // Long enough for the kill to come before the retry even on a busy machine (it follows the
                    // refusal within a second or two), short enough for the next process to make it.
                    Map.entry("heraldo.webhook.retry-schedule", "30s,5s,5s,5s")));

            try (HeraldoProcess first = HeraldoProcess.start("chat-restart-first", settings).awaitReady()) {
                register(first, Map.of("type", "slack", "token", "xoxb-restart-bot-token", "channel", SLACK_CHANNEL));
                register(first, Map.of("type", "telegram", "token", "7012345678:AAHrestart-telegram-token",
                        "chatId", TELEGRAM_CHAT));
                register(first, Map.of("type", "matrix", "homeserver", chat.matrixHomeserver(), "roomId", ROOM,
                        "accessToken", "syt_restart_access_token"));
                register(first, Map.of("type", "googlechat", "url", chat.googleChatHook(SPACE)));
                publish(first, 1, "incident.opened", "investigating");
                await().atMost(WAIT).until(() -> threads(chat).stream().allMatch(thread -> thread.size() == 1));
                awaitCounts(first, 1, 4, 0);
                first.stop();
            }

            // Telegram and Matrix refuse the second message once; the process is killed while it waits to retry it
            // and the third waits for the second, while Slack and Google Chat took both.
            chat.answerOnce("telegram", BODIES.get(1), 503, Map.of(),
                    "{\"ok\":false,\"error_code\":503,\"description\":\"Service Unavailable\"}");
            chat.answerOnce("matrix", BODIES.get(1), 503, Map.of(),
                    "{\"errcode\":\"M_UNKNOWN\",\"error\":\"Internal server error\"}");
            try (HeraldoProcess second = HeraldoProcess.start("chat-restart-second", settings).awaitReady()) {
                publish(second, 2, "incident.updated", "identified");
                publish(second, 3, "incident.resolved", "resolved");
                await().atMost(WAIT).until(() -> chat.requests("telegram", BODIES.get(1)).size() == 1
                        && chat.requests("matrix", BODIES.get(1)).size() == 1);
                awaitCounts(second, 2, 2, 2);
                awaitCounts(second, 3, 2, 2);
                second.kill();
            }
            assertThat(chat.messagesTo("telegram", TELEGRAM_CHAT)).as("nothing jumps ahead of a retry").hasSize(1);
            assertThat(chat.messagesTo("matrix", ROOM)).as("nothing jumps ahead of a retry").hasSize(1);

            try (HeraldoProcess third = HeraldoProcess.start("chat-restart-third", settings).awaitReady()) {
                awaitCounts(third, 2, 4, 0);
                awaitCounts(third, 3, 4, 0);
                third.stop();
            }

            List<Message> slack = chat.messagesTo("slack-api", SLACK_CHANNEL);
            assertInOrder(slack);
            assertThat(slack.get(0).json().has("thread_ts")).isFalse();
            assertThat(replies(slack)).allSatisfy(reply -> {
                assertThat(reply.json().path("thread_ts").asText()).isEqualTo(slack.get(0).id());
                assertThat(reply.replyTo()).isEqualTo(slack.get(0).id());
            });

            List<Message> telegram = chat.messagesTo("telegram", TELEGRAM_CHAT);
            assertInOrder(telegram);
            assertThat(telegram.get(0).json().has("reply_parameters")).isFalse();
            assertThat(replies(telegram)).allSatisfy(reply -> assertThat(
                    reply.json().at("/reply_parameters/message_id").asText()).isEqualTo(telegram.get(0).id()));
            assertThat(chat.requests("telegram", BODIES.get(1))).extracting(LocalChat.Request::status)
                    .containsExactly(503, 200);
            assertThat(chat.requests("matrix", BODIES.get(1))).extracting(LocalChat.Request::status)
                    .containsExactly(503, 200);

            List<Message> matrix = chat.messagesTo("matrix", ROOM);
            assertInOrder(matrix);
            assertThat(matrix.get(0).json().has("m.relates_to")).isFalse();
            assertThat(replies(matrix)).allSatisfy(reply -> {
                assertThat(reply.json().at("/m.relates_to/rel_type").asText()).isEqualTo("m.thread");
                assertThat(reply.json().at("/m.relates_to/event_id").asText()).isEqualTo(matrix.get(0).id());
            });

            List<Message> google = chat.messagesTo("googlechat", SPACE);
            assertInOrder(google);
            assertThat(google).allSatisfy(message -> {
                assertThat(message.query()).containsEntry("threadKey", INCIDENT)
                        .containsEntry("messageReplyOption", "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD");
            });

            assertThat(chat.malformed()).isEmpty();
        }
    }

    private static List<Message> replies(List<Message> thread) {
        return thread.subList(1, thread.size());
    }

    private static List<List<Message>> threads(LocalChat chat) {
        return List.of(chat.messagesTo("slack-api", SLACK_CHANNEL), chat.messagesTo("telegram", TELEGRAM_CHAT),
                chat.messagesTo("matrix", ROOM), chat.messagesTo("googlechat", SPACE));
    }

    /** One message per update, each once, in the order of the updates. */
    private static void assertInOrder(List<Message> thread) {
        assertThat(thread).hasSize(BODIES.size());
        for (int i = 0; i < BODIES.size(); i++) {
            assertThat(thread.get(i).text()).as("message %d of %s", i + 1, thread.get(i).service())
                    .contains(BODIES.get(i));
        }
        assertThat(thread).extracting(Message::id).doesNotHaveDuplicates();
    }

    private static void register(HeraldoProcess heraldo, Map<String, Object> destination) {
        given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/json").body(destination)
                .post("/admin/v1/destinations").then().log().ifValidationFails().statusCode(201);
    }

    private static void publish(HeraldoProcess heraldo, int n, String type, String status) {
        given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json")
                .body("""
                        {"specversion": "1.0", "id": "%s-%d", "source": "/test", "type": "%s",
                         "data": {"incident": {"id": "%s", "title": "Caída de LDAP", "status": "%s", "impact": "major",
                                  "components": {}},
                                  "update": {"body": "%s"}, "notify": ["chat"]}}"""
                        .formatted(INCIDENT, n, type, INCIDENT, status, BODIES.get(n - 1))
                        .getBytes(StandardCharsets.UTF_8))
                .post("/admin/v1/events").then().log().ifValidationFails().statusCode(202);
    }

    private static void awaitCounts(HeraldoProcess heraldo, int n, int sent, int pending) {
        await().atMost(WAIT).untilAsserted(() -> given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN)
                .get("/admin/v1/notifications/" + INCIDENT + "-" + n).then().statusCode(200)
                .body("chat.sent", is(sent)).body("chat.pending", is(pending)).body("chat.failed", is(0)));
    }
}
