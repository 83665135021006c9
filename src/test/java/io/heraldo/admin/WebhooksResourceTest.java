package io.heraldo.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.heraldo.HeraldoServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The webhook admin API of CONTRACT section 3: register, list without secrets, delete, and 400 naming the field. */
@QuarkusTest
class WebhooksResourceTest {

    @Test
    void registerListAndDelete() {
        JsonPath created = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                .body(Map.of("url", "https://hooks.example.com/heraldo", "events", List.of("incident.opened"),
                        "components", List.of("ldap")))
                .post("/admin/v1/webhooks").then().statusCode(201).header("Location", containsString("/admin/v1/webhooks/ep_"))
                .extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);

        String list = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).get("/admin/v1/webhooks").then().statusCode(200)
                .extract().asString();
        assertThat(list).doesNotContain(secret);
        JsonPath mine = JsonPath.from(list).setRootPath("find { it.id == '" + id + "' }");
        assertThat(mine.getString("url")).isEqualTo("https://hooks.example.com/heraldo");
        assertThat(mine.getList("events")).containsExactly("incident.opened");
        assertThat(mine.getList("components")).containsExactly("ldap");
        assertThat(mine.getBoolean("enabled")).isTrue();
        assertThat(mine.getString("secret")).startsWith("whsec_").hasSizeLessThan(16);

        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).delete("/admin/v1/webhooks/" + id).then().statusCode(204);
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).delete("/admin/v1/webhooks/" + id).then().statusCode(404);
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).get("/admin/v1/webhooks/" + id + "/deliveries").then()
                .statusCode(404);
    }

    @Test
    void aGivenSecretIsKept() {
        String secret = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef01234567".getBytes());
        String id = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                .body(Map.of("url", "http://hooks.example.com/x", "secret", secret))
                .post("/admin/v1/webhooks").then().statusCode(201).body("secret", org.hamcrest.Matchers.is(secret))
                .extract().path("id");
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).delete("/admin/v1/webhooks/" + id).then().statusCode(204);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"url\": \"ftp://hooks.example.com/x\"}|url: must be an http or https URL",
            "{\"url\": \"file:///etc/passwd\"}|url: must be an http or https URL",
            "{\"url\": \"hooks.example.com/x\"}|url: must be an http or https URL",
            "{\"url\": \"https://u:p@hooks.example.com/\"}|url: must not carry credentials",
            "{\"events\": []}|url: is required",
            "{\"url\": \"https://hooks.example.com/\", \"events\": [\"incident.exploded\"]}|events: unknown event type 'incident.exploded'",
            "{\"url\": \"https://hooks.example.com/\", \"components\": [\"no spaces\"]}|components: 'no spaces' is not a component id",
            "{\"url\": \"https://hooks.example.com/\", \"secret\": \"hunter2\"}|secret: must start with whsec_",
            "{\"url\": \"https://hooks.example.com/\", \"secret\": \"whsec_c2hvcnQ=\"}|secret: must hold 24 to 64 bytes",
            "{\"url\": \"https://hooks.example.com/\", \"events\": \"incident.opened\"}|events: wrong type",
            "{\"url\": \"https://hooks.example.com/\", \"colour\": \"red\"}|colour: unknown field",
            "not json|body: not JSON" })
    void badInputIsA400NamingTheField(String body, String error) {
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/json").body(body)
                .post("/admin/v1/webhooks").then().statusCode(400).body("status", org.hamcrest.Matchers.is(400))
                .body("error", startsWith(error));
    }

    @Test
    void theAdminTokenIsRequired() {
        given().get("/admin/v1/webhooks").then().statusCode(401);
        given().contentType("application/json").body("{\"url\": \"https://hooks.example.com/\"}")
                .post("/admin/v1/webhooks").then().statusCode(401);
    }
}
