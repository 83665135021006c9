package io.heraldo.site;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class StatusPageTest {

    @Test
    void theDefaultLanguageIsSpanish() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<html lang=\"es\">"))
                .body(containsString("Componentes"));
    }

    @Test
    void acceptLanguageAndTheLangParameterChooseEnglish() {
        given().header("Accept-Language", "en-US,en;q=0.9").get("/").then().statusCode(200)
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("Components"));
        given().header("Accept-Language", "en").queryParam("lang", "es").get("/").then()
                .body(containsString("<html lang=\"es\">"));
    }
}
