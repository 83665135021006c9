package io.heraldo.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

import org.junit.jupiter.api.Test;

import io.heraldo.ManagementPort;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    @Test
    void readinessChecksKafkaAndTheDatabase() {
        ManagementPort.given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));
        ManagementPort.given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void prometheusMetricsCountEvents() {
        ManagementPort.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("heraldo_events_applied_total{type=\"incident.opened\""))
                .body(containsString("heraldo_events_duplicated_total"))
                .body(containsString("heraldo_events_dead_lettered_total"));
    }

    @Test
    void thePublicApiIsOpenToEveryOriginAndTheAdminApiIsNot() {
        given().header("Origin", "https://widgets.example").get("/api/v2/status.json").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*");
        given().header("Origin", "https://widgets.example").post("/admin/v1/events").then().statusCode(401)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void thePublicPortServesNoOperationsEndpoint() {
        for (String path : new String[] { "/q/health", "/q/health/live", "/q/health/ready", "/q/health/started",
                "/q/health/well", "/q/metrics", "/q/openapi", "/q/openapi.json" }) {
            given().get(path).then().statusCode(404);
            // A health group answers 503 while one of its checks is DOWN: served either way.
            ManagementPort.given().get(path).then()
                    .statusCode(path.startsWith("/q/health") ? oneOf(200, 503) : is(200));
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        ManagementPort.given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v2/summary.json"));
    }
}
