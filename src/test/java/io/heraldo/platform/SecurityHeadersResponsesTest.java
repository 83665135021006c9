package io.heraldo.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.heraldo.ManagementPort;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The security headers are on every kind of answer: a page, the API, a 404, a 401 and the operations endpoints. */
@QuarkusTest
class SecurityHeadersResponsesTest {

    @Test
    void thePageHasThem() {
        common(given().get("/").then().statusCode(200).contentType(containsString("text/html")));
    }

    @Test
    void theApiHasThemAndAPolicyThatAllowsNothing() {
        common(given().get("/api/v2/status.json").then().statusCode(200))
                .header("Content-Security-Policy", is(SecurityHeaders.NON_PAGE_CSP));
    }

    @Test
    void aNotFoundHasThem() {
        common(given().get("/no-such-page-" + System.nanoTime()).then().statusCode(404));
    }

    @Test
    void anUnauthorizedAdminRequestHasThem() {
        common(given().post("/admin/v1/events").then().statusCode(401))
                .header("Content-Security-Policy", is(SecurityHeaders.NON_PAGE_CSP));
    }

    @Test
    void theOperationsEndpointsHaveThem() {
        common(ManagementPort.given().get("/q/health/live").then().statusCode(200));
        common(ManagementPort.given().get("/q/metrics").then().statusCode(200));
    }

    private static ValidatableResponse common(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", is("nosniff"))
                .header("X-Frame-Options", is("DENY"))
                .header("Referrer-Policy", notNullValue())
                .header("Permissions-Policy", containsString("camera=()"))
                .header("Cross-Origin-Opener-Policy", is("same-origin"))
                // The test public URL is http: no HSTS (SecurityHeadersTest covers https).
                .header("Strict-Transport-Security", nullValue());
    }
}
