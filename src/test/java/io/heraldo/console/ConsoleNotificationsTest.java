package io.heraldo.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.console.ConsoleIncidentsTest.Signed;
import io.quarkus.test.junit.QuarkusTest;

/** A notification's delivery log in the console, and the retry button of a failed delivery. */
@QuarkusTest
class ConsoleNotificationsTest {

    @Test
    void aFailingWebhookDeliveryIsListedAndSentAgain() {
        String component = "log-" + UUID.randomUUID().toString().substring(0, 8);
        // a webhook nobody answers (port 9), only for this test's component
        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                .body("{\"url\": \"http://127.0.0.1:9/log-" + component + "\", \"components\": [\"" + component + "\"]}")
                .post("/admin/v1/webhooks").then().statusCode(201);
        String event = "log-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                .body("""
                        {"specversion": "1.0", "id": "%s", "source": "/test", "type": "incident.opened",
                         "subject": "inc-%s", "data": {"incident": {"id": "inc-%s", "title": "Registro", "status":
                         "investigating", "impact": "minor", "components": {"%s": "degraded_performance"}},
                         "update": {"body": "Revisando."}, "notify": ["webhook"]}}"""
                        .formatted(event, component, component, component))
                .post("/admin/v1/events").then().statusCode(202);

        Signed signed = ConsoleIncidentsTest.signIn();
        signed.given().get("/console/notifications/no-such-event").then().statusCode(404);
        AtomicReference<String> page = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> page.set(signed.given()
                .get("/console/notifications/" + event).then().statusCode(200)
                .body(containsString("name=\"delivery\"")).extract().asString()));
        assertThat(page.get()).contains("Webhooks", "/retry");
        String delivery = ConsoleIncidentsTest.hidden(page.get(), "delivery");

        signed.given().formParam("channel", "webhook").formParam("delivery", delivery)
                .post("/console/notifications/" + event + "/retry").then().statusCode(403);
        signed.given().formParam("csrf", signed.csrf()).formParam("channel", "webhook").formParam("delivery", delivery)
                .post("/console/notifications/" + event + "/retry").then().statusCode(303)
                .header("Location", containsString("/console/notifications/" + event + "?retried=1"));
        signed.given().get("/console/notifications/" + event + "?retried=1").then().statusCode(200)
                .body(containsString("Reenviada"));
        // an unknown delivery is not retried
        signed.given().formParam("csrf", signed.csrf()).formParam("channel", "webhook").formParam("delivery", "nope")
                .post("/console/notifications/" + event + "/retry").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.not(containsString("retried")));
    }
}
