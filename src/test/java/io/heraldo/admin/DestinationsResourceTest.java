package io.heraldo.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.heraldo.HeraldoServers;
import io.heraldo.channel.chat.InjectLocalChat;
import io.heraldo.channel.chat.LocalChat;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The chat destinations admin API of CONTRACT section 3: register, list and show with tokens and webhook URL paths
 * masked, send a test message now (to the suite's {@link LocalChat}, which checks its shape), delete; 400 naming
 * the field; 401 without the admin token.
 */
@QuarkusTest
class DestinationsResourceTest {

    private static final String PATH = "/admin/v1/destinations";

    @InjectLocalChat
    LocalChat chat;

    @Test
    void aWebhookDestinationIsRegisteredListedMaskedTestedAndDeleted() {
        String hookId = "Tk" + UUID.randomUUID().toString().replace("-", "");
        String url = chat.hook("discord", hookId);
        String id = admin().contentType("application/json")
                .body(Map.of("type", "discord", "url", url, "events", List.of("incident.opened"),
                        "components", List.of("ldap"), "lang", "en", "name", "Ops room"))
                .post(PATH).then().statusCode(201).header("Location", containsString(PATH + "/"))
                .extract().path("id");

        String list = admin().get(PATH).then().statusCode(200).extract().asString();
        assertThat(list).contains(id).doesNotContain(hookId);
        JsonPath mine = JsonPath.from(list).setRootPath("find { it.id == '" + id + "' }");
        assertThat(mine.getString("type")).isEqualTo("discord");
        assertThat(mine.getString("url")).isEqualTo(chat.baseUrl() + "/hooks/discord/Tk…");
        assertThat(mine.getList("events")).containsExactly("incident.opened");
        assertThat(mine.getList("components")).containsExactly("ldap");
        assertThat(mine.getString("lang")).isEqualTo("en");
        assertThat(mine.getString("name")).isEqualTo("Ops room");
        assertThat(mine.getBoolean("enabled")).isTrue();
        String one = admin().get(PATH + "/" + id).then().statusCode(200).body("id", is(id)).extract().asString();
        assertThat(one).doesNotContain(hookId);

        admin().post(PATH + "/" + id + "/test").then().statusCode(202).body("outcome", is("sent"))
                .body("statusCode", is(200));
        List<LocalChat.Message> sent = chat.messagesTo("discord", hookId);
        assertThat(sent).hasSize(1);
        JsonNode embed = sent.get(0).json().at("/embeds/0");
        assertThat(embed.path("title").asText()).contains(HeraldoServers.PAGE_NAME);
        assertThat(sent.get(0).json().at("/allowed_mentions/parse").isEmpty()).isTrue();
        assertThat(chat.malformed()).noneMatch(m -> m.target().equals(hookId));

        admin().delete(PATH + "/" + id).then().statusCode(204);
        admin().get(PATH + "/" + id).then().statusCode(404).body("error", startsWith("id: "));
        admin().delete(PATH + "/" + id).then().statusCode(404);
        admin().post(PATH + "/" + id + "/test").then().statusCode(404);
    }

    @Test
    void tokensAreMaskedInTheListingAndATestOverTheBotApiReachesTheChat() {
        String secret = "AAH" + UUID.randomUUID().toString().replace("-", "");
        String token = "7012345678:" + secret;
        String chatId = "-100" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String id = admin().contentType("application/json")
                .body("{\"type\": \"telegram\", \"token\": \"" + token + "\", \"chatId\": " + chatId + "}")
                .post(PATH).then().statusCode(201).extract().path("id");

        String shown = admin().get(PATH + "/" + id).then().statusCode(200).extract().asString();
        assertThat(shown).doesNotContain(secret);
        assertThat(JsonPath.from(shown).getString("token")).isEqualTo("7012345678:****");
        assertThat(JsonPath.from(shown).getString("chatId")).isEqualTo(chatId);
        assertThat(admin().get(PATH).then().statusCode(200).extract().asString()).doesNotContain(secret);

        admin().post(PATH + "/" + id + "/test").then().statusCode(202).body("outcome", is("sent"));
        List<LocalChat.Message> sent = chat.messagesTo("telegram", chatId);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).json().path("parse_mode").asText()).isEqualTo("HTML");
        assertThat(sent.get(0).json().path("text").asText()).contains(HeraldoServers.PAGE_NAME);
        admin().delete(PATH + "/" + id).then().statusCode(204);
    }

    @Test
    void aTestRefusedForGoodDisablesTheDestinationWithTheServicesReason() {
        String token = "syt_" + UUID.randomUUID().toString().replace("-", "");
        String id = admin().contentType("application/json")
                .body(Map.of("type", "matrix", "homeserver", chat.matrixHomeserver(), "roomId", "!ops:zbox.test",
                        "accessToken", token))
                .post(PATH).then().statusCode(201).extract().path("id");
        chat.revoke(token);

        admin().post(PATH + "/" + id + "/test").then().statusCode(202).body("outcome", is("disabled"))
                .body("statusCode", is(401)).body("error", containsString("M_UNKNOWN_TOKEN"));
        JsonPath shown = admin().get(PATH + "/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(shown.getBoolean("enabled")).isFalse();
        assertThat(shown.getString("disabledReason")).contains("M_UNKNOWN_TOKEN");
        assertThat(shown.getString("accessToken")).isEqualTo("syt_…");
        admin().delete(PATH + "/" + id).then().statusCode(204);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"url\": \"https://discord.com/api/webhooks/1/x\"}|type: is required",
            "{\"type\": \"pigeon\", \"url\": \"https://example.com/x\"}|type: unknown type",
            "{\"type\": \"discord\"}|url: is required",
            "{\"type\": \"telegram\", \"token\": \"7012345678:AAHabcdefghijklmnopqrstuvwxyz12345\"}|chatId: is required",
            "{\"type\": \"matrix\", \"roomId\": \"!ops:zbox.test\", \"accessToken\": \"syt_abcdefghijkl\"}|homeserver: is required",
            "{\"type\": \"slack\", \"url\": \"https://hooks.slack.com/services/T0/B0/x\", \"token\": \"xoxb-1234567890\"}|token: give either url",
            "{\"type\": \"discord\", \"url\": \"ftp://discord.com/api/webhooks/1/x\"}|url: must be an http or https URL",
            "{\"type\": \"discord\", \"url\": \"https://discord.com/x\", \"colour\": \"red\"}|colour: unknown field for discord",
            "{\"type\": \"discord\", \"url\": \"https://discord.com/x\", \"events\": [\"incident.exploded\"]}|events: unknown event type 'incident.exploded'",
            "{\"type\": \"discord\", \"url\": \"https://discord.com/x\", \"components\": [\"no spaces\"]}|components: 'no spaces' is not a component id",
            "{\"type\": \"discord\", \"url\": \"https://discord.com/x\", \"lang\": \"tlh\"}|lang: must be one of",
            "[1, 2]|body: a JSON object",
            "not json|body: not JSON" })
    void badInputIsA400NamingTheField(String body, String error) {
        admin().contentType("application/json").body(body).post(PATH).then().statusCode(400).body("status", is(400))
                .body("error", startsWith(error));
    }

    @Test
    void withoutTheAdminTokenNothingIsShownOrChanged() {
        String body = "{\"type\": \"discord\", \"url\": \"https://discord.com/api/webhooks/1/x\"}";
        given().get(PATH).then().statusCode(401);
        given().header("Authorization", "Bearer not-the-token").get(PATH).then().statusCode(401);
        given().contentType("application/json").body(body).post(PATH).then().statusCode(401);
        given().post(PATH + "/dst_x/test").then().statusCode(401);
        given().delete(PATH + "/dst_x").then().statusCode(401);
        assertThat(admin().get(PATH).then().statusCode(200).extract().asString()).doesNotContain("discord.com/api/webhooks/1");
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(HeraldoServers.ADMIN_TOKEN);
    }
}
