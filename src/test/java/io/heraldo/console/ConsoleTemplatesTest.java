package io.heraldo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.heraldo.console.ConsoleIncidentsTest.Signed;
import io.quarkus.test.junit.QuarkusTest;

/** Saved incident texts: created, listed, edited, used to start an incident, deleted; escaped; CSRF-checked. */
@QuarkusTest
class ConsoleTemplatesTest {

    @Test
    void aTemplateIsSavedEditedUsedAndDeleted() {
        Signed signed = ConsoleIncidentsTest.signIn();
        String name = "LDAP <b>caído</b> " + UUID.randomUUID();
        signed.given().formParam("name", name).formParam("action", "save").post("/console/templates").then()
                .statusCode(403);
        signed.given().formParam("csrf", signed.csrf()).formParam("name", "").formParam("action", "save")
                .post("/console/templates").then().statusCode(400)
                .body(containsString("Una plantilla necesita un nombre"));

        signed.given().formParam("csrf", signed.csrf()).formParam("id", "").formParam("name", name)
                .formParam("title.es", "Caída de LDAP").formParam("title.en", "LDAP is down")
                .formParam("body.es", "Revisando el directorio.").formParam("body.en", "Looking at the directory.")
                .formParam("action", "save").post("/console/templates").then().statusCode(303)
                .header("Location", endsWith("/console/templates"));
        String list = signed.given().get("/console/templates").then().statusCode(200)
                .body(containsString("LDAP &lt;b&gt;caído&lt;/b&gt;")).body(not(containsString("<b>caído</b>")))
                .extract().asString();
        Matcher link = Pattern.compile("href=\"/console/templates/(tpl-[^\"]+)\">LDAP &lt;b&gt;caído&lt;/b&gt; "
                + Pattern.quote(name.substring(name.length() - 36))).matcher(list);
        assertThat(link.find()).isTrue();
        String id = link.group(1);

        signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("name", name)
                .formParam("title.es", "Caída del directorio").formParam("title.en", "LDAP is down")
                .formParam("body.es", "Revisando el directorio.").formParam("body.en", "Looking at the directory.")
                .formParam("action", "save").post("/console/templates").then().statusCode(303);
        signed.given().get("/console/templates/" + id).then().statusCode(200)
                .body(containsString("value=\"Caída del directorio\""));

        signed.given().get("/console/incidents/new?template=" + id).then().statusCode(200)
                .body(containsString("name=\"title.es\" value=\"Caída del directorio\""))
                .body(containsString("name=\"title.en\" value=\"LDAP is down\""))
                .body(containsString(">Looking at the directory.</textarea>"));

        signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("action", "delete")
                .post("/console/templates").then().statusCode(303);
        signed.given().get("/console/templates/" + id).then().statusCode(404);
        signed.given().get("/console/templates").then().body(not(containsString(id)));
    }
}
