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

/** Webhooks and chat destinations from the console: added, listed with secrets masked, tested, removed. */
@QuarkusTest
class ConsoleIntegrationsTest {

    @Test
    void aWebhookIsAddedWithItsSecretShownOnceThenRemoved() {
        Signed signed = ConsoleIncidentsTest.signIn();
        String url = "http://127.0.0.1:9/console-" + UUID.randomUUID();
        signed.given().formParam("url", url).post("/console/webhooks").then().statusCode(403);
        signed.given().formParam("csrf", signed.csrf()).formParam("url", "ftp://example.org/x")
                .post("/console/webhooks").then().statusCode(400).body(containsString("url"));
        String created = signed.given().formParam("csrf", signed.csrf()).formParam("url", url)
                .formParam("events", "incident.opened, incident.resolved").post("/console/webhooks").then()
                .statusCode(201).body(containsString(url)).extract().asString();
        Matcher secret = Pattern.compile("(whsec_[A-Za-z0-9+/=]{20,})").matcher(created);
        assertThat(secret.find()).as("the whole secret, once").isTrue();
        String list = signed.given().get("/console/webhooks").then().statusCode(200).body(containsString(url))
                .body(containsString("incident.opened, incident.resolved"))
                .body(not(containsString(secret.group(1)))).extract().asString();
        Matcher remove = Pattern.compile("action=\"/console/webhooks/([^\"]+)/remove\"[^<]*<input[^>]*>"
                + "<button[^>]*aria-label=\"[^\"]*" + Pattern.quote(url) + "\"").matcher(list);
        assertThat(remove.find()).isTrue();
        signed.given().formParam("csrf", signed.csrf()).post("/console/webhooks/" + remove.group(1) + "/remove")
                .then().statusCode(303);
        signed.given().get("/console/webhooks").then().body(not(containsString(url)));
    }

    @Test
    void aChatDestinationIsAddedTestedAndRemoved() {
        Signed signed = ConsoleIncidentsTest.signIn();
        String name = "Guardia " + UUID.randomUUID().toString().substring(0, 8);
        signed.given().formParam("csrf", signed.csrf()).formParam("type", "mattermost").formParam("name", name)
                .post("/console/destinations").then().statusCode(400).body(containsString("url"));
        signed.given().formParam("csrf", signed.csrf()).formParam("type", "mattermost").formParam("name", name)
                .formParam("lang", "es").formParam("url", "http://127.0.0.1:9/hooks/Xk93hSecretKey81")
                .post("/console/destinations").then().statusCode(303);
        String list = signed.given().get("/console/destinations").then().statusCode(200).body(containsString(name))
                .body(not(containsString("Xk93hSecretKey81"))).extract().asString();
        Matcher test = Pattern.compile("action=\"/console/destinations/([^\"]+)/test\"[^<]*<input[^>]*>"
                + "<button[^>]*aria-label=\"[^\"]*" + Pattern.quote(name) + "\"").matcher(list);
        assertThat(test.find()).isTrue();
        String id = test.group(1);
        signed.given().post("/console/destinations/" + id + "/test").then().statusCode(403);
        // nothing listens there: the test is sent now and its failure reported
        signed.given().formParam("csrf", signed.csrf()).post("/console/destinations/" + id + "/test").then()
                .statusCode(200).body(containsString("Prueba: " + name + ": failed"));
        signed.given().formParam("csrf", signed.csrf()).post("/console/destinations/" + id + "/remove").then()
                .statusCode(303);
        signed.given().get("/console/destinations").then().body(not(containsString(name)));
    }
}
