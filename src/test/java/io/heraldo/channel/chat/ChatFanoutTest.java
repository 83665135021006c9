package io.heraldo.channel.chat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * From Kafka events to the suite's {@link LocalChat} through the delivery engine: destinations hear what their
 * filters let through, an incident's updates form one thread (the second replies to the first even when the service
 * rate-limits it once), and hostile text from the event stays text.
 */
@QuarkusTest
class ChatFanoutTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectLocalChat
    LocalChat chat;

    private final List<String> registered = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        registered.forEach(id -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).delete("/admin/v1/destinations/" + id));
    }

    @Test
    void anIncidentsUpdatesThreadAtTheDestinationsWhoseFiltersMatchAcrossARateLimit() {
        String marker = "m" + UUID.randomUUID().toString().substring(0, 8);
        String component = "ldap-" + marker;
        String chatId = "-100" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String room = "!" + marker + ":zbox.test";
        String otherChat = chatId + "1";
        register(Map.of("type", "telegram", "token", "7012345678:AAH" + marker + "-telegram-token", "chatId", chatId,
                "components", List.of(component)));
        register(Map.of("type", "matrix", "homeserver", chat.matrixHomeserver(), "roomId", room,
                "accessToken", "syt_" + marker + "_token", "events", List.of("incident.opened", "incident.updated")));
        register(Map.of("type", "telegram", "token", "7012345678:AAH" + marker + "-other-token", "chatId", otherChat,
                "components", List.of("other-" + marker)));

        String incident = "inc-" + marker;
        TestKafka.publishStructured(incident, event(incident + "-1", "incident.opened", incident, "investigating",
                component, "Primero " + marker));
        await().atMost(WAIT).until(() -> chat.messagesTo("telegram", chatId).size() == 1
                && chat.messagesTo("matrix", room).size() == 1);

        String second = "segundo-" + marker;
        chat.answerOnce("telegram", second, 429, Map.of(), "{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}");
        TestKafka.publishStructured(incident, event(incident + "-2", "incident.updated", incident, "identified",
                component, second + " <script>alert(1)</script> @everyone <@123> [a](javascript:alert(1)) & co"));
        await().atMost(WAIT).until(() -> chat.messagesTo("telegram", chatId).size() == 2
                && chat.messagesTo("matrix", room).size() == 2);

        List<LocalChat.Message> telegram = chat.messagesTo("telegram", chatId);
        assertThat(telegram.get(0).text()).contains("Primero " + marker);
        assertThat(telegram.get(0).replyTo()).isNull();
        assertThat(telegram.get(1).text()).contains(second);
        assertThat(telegram.get(1).replyTo()).isEqualTo(telegram.get(0).id());
        assertThat(chat.requests("telegram", second)).extracting(LocalChat.Request::status).containsExactly(429, 200);
        StandInReading.Read read = StandInReading.telegram(telegram.get(1).json().path("text").asText());
        assertThat(read.problems()).isEmpty();
        assertThat(read.mentions()).isEmpty();
        assertThat(read.links()).singleElement().asString().endsWith("/incidents/" + incident);
        assertThat(read.visible()).contains("<script>alert(1)</script>").contains("[a](javascript:alert(1)) & co");

        List<LocalChat.Message> matrix = chat.messagesTo("matrix", room);
        assertThat(matrix.get(1).json().at("/m.relates_to/rel_type").asText()).isEqualTo("m.thread");
        assertThat(matrix.get(1).json().at("/m.relates_to/event_id").asText()).isEqualTo(matrix.get(0).id());
        assertThat(chat.malformed()).noneMatch(m -> m.target().equals(chatId) || m.target().equals(room));
        assertThat(chat.messagesTo("telegram", otherChat)).isEmpty();
    }

    private void register(Map<String, Object> destination) {
        registered.add(given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                .body(destination).post("/admin/v1/destinations").then().statusCode(201).extract().path("id"));
    }

    private static String event(String id, String type, String incident, String status, String component,
            String body) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "%s",
                 "data": {"incident": {"id": "%s", "title": "Problemas de validación", "status": "%s",
                          "impact": "major", "components": {"%s": "major_outage"}},
                          "update": {"body": "%s"}, "notify": ["chat"]}}"""
                .formatted(id, type, incident, status, component, body);
    }
}
