package io.heraldo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.heraldo.console.ConsoleIncidentsTest.Signed;
import io.quarkus.test.junit.QuarkusTest;

/** Subscribers from the console: added (confirmed), found by part of the address, unsubscribed; CSRF-checked. */
@QuarkusTest
class ConsoleSubscribersTest {

    @Test
    void aSubscriberIsAddedFoundAndUnsubscribed() {
        Signed signed = ConsoleIncidentsTest.signIn();
        String local = "console-" + UUID.randomUUID().toString().substring(0, 8);
        String email = local + "@subscribers.test";

        signed.given().formParam("email", email).post("/console/subscribers").then().statusCode(403);
        signed.given().formParam("csrf", signed.csrf()).formParam("email", email).formParam("locale", "en")
                .post("/console/subscribers").then().statusCode(303)
                .header("Location", containsString("outcome=added"));
        signed.given().formParam("csrf", signed.csrf()).formParam("email", email).formParam("locale", "en")
                .post("/console/subscribers").then().statusCode(303)
                .header("Location", containsString("outcome=known"));
        signed.given().formParam("csrf", signed.csrf()).formParam("email", "not an address, really")
                .post("/console/subscribers").then().statusCode(303)
                .header("Location", containsString("outcome=invalid"));

        String found = signed.given().queryParam("q", local.toUpperCase()).get("/console/subscribers").then()
                .statusCode(200).body(containsString(email)).body(containsString("Confirmado")).extract().asString();
        // wildcards are text: '%' finds only addresses that contain it
        signed.given().queryParam("q", "%").get("/console/subscribers").then().statusCode(200)
                .body(not(containsString(email)));
        Matcher action = Pattern.compile("action=\"/console/subscribers/([0-9a-f-]{36})/unsubscribe\"").matcher(found);
        assertThat(action.find()).isTrue();
        String id = action.group(1);

        signed.given().post("/console/subscribers/" + id + "/unsubscribe").then().statusCode(403);
        signed.given().formParam("csrf", signed.csrf()).post("/console/subscribers/" + id + "/unsubscribe").then()
                .statusCode(303).header("Location", containsString("outcome=unsubscribed"));
        signed.given().queryParam("q", local).queryParam("outcome", "<script>x</script>").get("/console/subscribers")
                .then().statusCode(200).body(containsString("De baja")).body(not(containsString("<script>x")))
                .body(not(containsString("/unsubscribe\"")));
    }
}
