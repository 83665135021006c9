package io.heraldo.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.console.ConsoleIncidentsTest.Signed;
import io.quarkus.test.junit.QuarkusTest;

/** Maintenance from the console: scheduled with a preview, started, completed; another cancelled. */
@QuarkusTest
class ConsoleMaintenanceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Test
    void aMaintenanceIsScheduledStartedAndCompletedAnotherIsCancelled() {
        String component = "mnt-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                .body("""
                        {"specversion": "1.0", "id": "%s", "source": "/test", "type": "component.status_changed",
                         "subject": "%s", "data": {"component": {"id": "%s", "name": "LDAP %s", "status": "operational"},
                         "notify": []}}""".formatted(UUID.randomUUID(), component, component, component))
                .post("/admin/v1/events").then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/components.json").then()
                .body("components.find { it.id == '" + component + "' }.status", is("operational")));

        Signed signed = ConsoleIncidentsTest.signIn();
        LocalDateTime start = LocalDateTime.now(ZoneId.of("America/Santiago")).plusDays(2).withSecond(0).withNano(0);
        String id = schedule(signed, component, start, "Cambio del disco de LDAP");
        // starts, then completes, from its page
        publish(signed, id, "in_progress", "Comenzamos.");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/scheduled-maintenances/active.json").then()
                .body("scheduled_maintenances.find { it.id == '" + id + "' }.status", is("in_progress")));
        publish(signed, id, "completed", "Terminado.");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/scheduled-maintenances.json").then()
                .body("scheduled_maintenances.find { it.id == '" + id + "' }.status", is("completed")));

        String other = schedule(signed, component, start.plusDays(1), "Otro cambio");
        publish(signed, other, "cancelled", "Ya no hace falta.");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/scheduled-maintenances.json").then()
                .body("scheduled_maintenances.find { it.id == '" + other + "' }.status", is("cancelled")));
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
        Signed signed = ConsoleIncidentsTest.signIn();
        signed.given().formParam("csrf", signed.csrf()).formParam("id", "mnt-bad").formParam("title.es", "Malo")
                .formParam("status", "scheduled").formParam("scheduledFor", "2030-01-02T04:00")
                .formParam("scheduledUntil", "2030-01-02T02:00").formParam("action", "publish")
                .post("/console/maintenance").then().statusCode(400)
                .body(containsString("La ventana necesita un inicio y un fin posterior"));
    }

    private static String schedule(Signed signed, String component, LocalDateTime start, String title) {
        String form = signed.given().get("/console/maintenance/new").then().statusCode(200).extract().asString();
        String id = ConsoleIncidentsTest.hidden(form, "id");
        String event = ConsoleIncidentsTest.hidden(form, "event");
        String preview = signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("event", event)
                .formParam("title.es", title).formParam("body.es", "Sin correo durante el cambio.")
                .formParam("status", "scheduled").formParam("scheduledFor", LOCAL.format(start))
                .formParam("scheduledUntil", LOCAL.format(start.plusHours(2))).formParam("components", component)
                .formParam("notify", "email", "twitter", "webhook").formParam("action", "preview")
                .post("/console/maintenance").then().statusCode(200).body(containsString(title))
                .body(containsString("Asunto del correo")).extract().asString();
        assertThat(Pattern.compile("data-channel=\"twitter\">\\d+/280<").matcher(preview).results().count())
                .isEqualTo(2);
        signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("event", event)
                .formParam("title.es", title).formParam("body.es", "Sin correo durante el cambio.")
                .formParam("status", "scheduled").formParam("scheduledFor", LOCAL.format(start))
                .formParam("scheduledUntil", LOCAL.format(start.plusHours(2))).formParam("components", component)
                .formParam("notify", "webhook").formParam("action", "publish").post("/console/maintenance").then()
                .statusCode(303).header("Location", containsString("/console/maintenance/" + id + "?event=" + event));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/scheduled-maintenances/upcoming.json").then()
                .body("scheduled_maintenances.find { it.id == '" + id + "' }.name", is(title)));
        return id;
    }

    private static void publish(Signed signed, String id, String status, String body) {
        String page = signed.given().get("/console/maintenance/" + id).then().statusCode(200).extract().asString();
        String event = ConsoleIncidentsTest.hidden(page, "event");
        signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("event", event)
                .formParam("body.es", body).formParam("status", status).formParam("notify", "webhook")
                .formParam("action", "preview").post("/console/maintenance/" + id).then().statusCode(200)
                .body(containsString(body));
        signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("event", event)
                .formParam("body.es", body).formParam("status", status).formParam("notify", "webhook")
                .formParam("action", "publish").post("/console/maintenance/" + id).then().statusCode(303);
    }
}
