package io.heraldo.admin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AdminEventsResourceTest {

    private static final String VALID = """
            {"specversion": "1.0", "id": "%s", "source": "/ops", "type": "component.status_changed", "subject": "%s",
             "data": {"component": {"id": "%s", "name": "Webmail", "status": "partial_outage"}}}""";

    @Test
    void withoutATokenTheAdminApiAnswers401() {
        given().contentType("application/cloudevents+json").body(VALID.formatted("a", "b", "b"))
                .post("/admin/v1/events")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error", containsString("admin token"));
    }

    @Test
    void aWrongTokenAnswers401() {
        given().auth().oauth2("not-the-token").contentType("application/cloudevents+json")
                .body(VALID.formatted("a", "b", "b"))
                .post("/admin/v1/events")
                .then().statusCode(401);
        given().header("Authorization", "Basic " + HeraldoServers.ADMIN_TOKEN).body("{}")
                .post("/admin/v1/events")
                .then().statusCode(401);
    }

    @Test
    void anInvalidEventAnswers400WithTheFieldAtFault() {
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/cloudevents+json")
                .body("""
                        {"specversion": "1.0", "id": "x", "source": "/ops", "type": "incident.opened",
                         "data": {"incident": {"id": "inc-1", "status": "investigating", "impact": "minor"}, "update": {"body": "b"}}}""")
                .post("/admin/v1/events")
                .then().statusCode(400)
                .body("status", is(400))
                .body("error", is("data.incident.title: is required"));
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/json").body("{not json")
                .post("/admin/v1/events")
                .then().statusCode(400)
                .body("error", containsString("is not valid JSON"));
    }

    @Test
    void valuesTheDatabaseCannotStoreAnswer400InsteadOf202() {
        // U+0000 (written as a JSON escape) in a title, and a year RFC 3339 does not allow: both used to be accepted
        // here and then die when applied.
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/cloudevents+json")
                .body("""
                        {"specversion": "1.0", "id": "nul-title", "source": "/ops", "type": "incident.opened",
                         "data": {"incident": {"id": "inc-nul", "title": "LDAP\\u0000down", "status": "investigating",
                                  "impact": "minor"}, "update": {"body": "b"}}}""")
                .post("/admin/v1/events")
                .then().statusCode(400)
                .body("error", is("data.incident.title: contains the character U+0000 (NUL), which cannot be stored"));
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/cloudevents+json")
                .body("""
                        {"specversion": "1.0", "id": "far-future", "source": "/ops", "type": "component.status_changed",
                         "time": "+999999999-01-01T00:00:00Z",
                         "data": {"component": {"id": "far-future", "status": "operational"}}}""")
                .post("/admin/v1/events")
                .then().statusCode(400)
                .body("error", startsWith("time: '+999999999-01-01T00:00:00Z' is not an RFC 3339 timestamp"));
    }

    @Test
    void aValidEventIsAcceptedOnceKafkaHasItAndThenApplied() {
        String component = "webmail-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/cloudevents+json")
                .body(VALID.formatted("evt-" + component, component, component))
                .post("/admin/v1/events")
                .then().statusCode(202)
                .body("id", is("evt-" + component))
                .body("subject", is(component));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v2/components.json").then()
                .body("components.id", hasItem(component))
                .body("components.find { it.id == '%s' }.status".formatted(component), is("partial_outage")));
        // Leave the page as it was.
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("application/cloudevents+json")
                .body(VALID.formatted("evt-back-" + component, component, component).replace("partial_outage", "operational"))
                .post("/admin/v1/events")
                .then().statusCode(202);
    }
}
