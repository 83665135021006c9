package io.heraldo.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The incident form over HTTP: a preview composes every channel's message and publishes nothing; publishing puts a
 * CloudEvent from {@code /console/<actor>} on the events topic; the update form resolves; text is escaped.
 */
@QuarkusTest
class ConsoleIncidentsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A signed-in session's cookie and CSRF token. */
    record Signed(String cookie, String csrf) {
        RequestSpecification given() {
            return io.restassured.RestAssured.given().redirects().follow(false).cookie(ConsoleGate.COOKIE, cookie)
                    .header("Accept-Language", "es");
        }
    }

    static Signed signIn() {
        String client = ConsoleLoginTest.client();
        String login = ConsoleLoginTest.csrf(given().header("X-Forwarded-For", client).get("/console/login").asString());
        Response signed = given().redirects().follow(false).header("X-Forwarded-For", client)
                .cookie(ConsoleLoginResource.LOGIN_COOKIE, login).formParam("csrf", login)
                .formParam("token", HeraldoServers.ADMIN_TOKEN).post("/console/login");
        String cookie = signed.getCookie(ConsoleGate.COOKIE);
        String csrf = ConsoleLoginTest.csrf(given().cookie(ConsoleGate.COOKIE, cookie).get("/console").asString());
        return new Signed(cookie, csrf);
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    @Test
    void previewShowsEveryChannelAndPublishSendsTheEventThenTheIncidentPageResolvesIt() {
        String component = "console-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                .body("""
                        {"specversion": "1.0", "id": "%s", "source": "/test", "type": "component.status_changed",
                         "subject": "%s", "data": {"component": {"id": "%s", "name": "Correo %s", "status": "operational"},
                         "notify": []}}""".formatted(UUID.randomUUID(), component, component, component))
                .post("/admin/v1/events").then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/components.json").then()
                .body("components.find { it.id == '" + component + "' }.status", is("operational")));

        Signed signed = signIn();
        String form = signed.given().get("/console/incidents/new").then().statusCode(200)
                .body(containsString("name=\"component." + component + "\"")).extract().asString();
        String id = hidden(form, "id");
        String event = hidden(form, "event");
        String title = "Correo lento <script>alert(1)</script> " + id;

        // a form without the CSRF token is refused, and publishes nothing
        signed.given().formParam("id", id).formParam("event", event).formParam("title.es", title)
                .formParam("body.es", "Revisando.").formParam("status", "investigating").formParam("impact", "minor")
                .formParam("action", "publish").post("/console/incidents").then().statusCode(403);

        Response preview = signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("event", event)
                .formParam("title.es", title).formParam("body.es", "Revisando el correo & la web.")
                .formParam("status", "investigating").formParam("impact", "minor")
                .formParam("component." + component, "degraded_performance")
                .formParam("notify", "email", "twitter", "mastodon", "bluesky", "webhook", "chat")
                .formParam("action", "preview").post("/console/incidents");
        preview.then().statusCode(200)
                .body(containsString("Asunto del correo"))
                .body(containsString("Investigando: Correo lento &lt;script&gt;alert(1)&lt;/script&gt; " + id))
                .body(containsString("Investigating: Correo lento &lt;script&gt;"))
                .body(containsString("Revisando el correo &amp; la web."))
                .body(not(containsString("<script>alert(1)</script>")));
        String html = preview.asString();
        assertThat(Pattern.compile("data-channel=\"twitter\">\\d+/280<").matcher(html).results().count()).isEqualTo(2);
        assertThat(Pattern.compile("data-channel=\"mastodon\">\\d+/\\d+<").matcher(html).results().count()).isEqualTo(2);
        assertThat(Pattern.compile("data-channel=\"bluesky\">\\d+/300<").matcher(html).results().count()).isEqualTo(2);
        // the form keeps its ids, so publishing after the preview is the same event
        assertThat(hidden(html, "event")).isEqualTo(event);
        // nothing was published by the preview
        given().get("/api/v2/incidents/unresolved.json").then().body("incidents.find { it.id == '" + id + "' }",
                org.hamcrest.Matchers.nullValue());

        signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("event", event)
                .formParam("title.es", title).formParam("body.es", "Revisando el correo & la web.")
                .formParam("status", "investigating").formParam("impact", "minor")
                .formParam("component." + component, "degraded_performance")
                .formParam("notify", "webhook").formParam("action", "publish").post("/console/incidents").then()
                .statusCode(303).header("Location", containsString("/console/incidents/" + id + "?event=" + event));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents/unresolved.json").then()
                .body("incidents.find { it.id == '" + id + "' }.name", is(title)));
        given().get("/api/v2/components.json").then()
                .body("components.find { it.id == '" + component + "' }.status", is("degraded_performance"));

        String page = signed.given().get("/console/incidents/" + id).then().statusCode(200)
                .body(containsString("Correo lento &lt;script&gt;")).extract().asString();
        // the page's progress refreshes itself from the incident's own part
        assertThat(page).contains("data-src=\"/console/progress?subject=" + id + "\"", "src=\"/console/refresh.js\"");
        await().atMost(WAIT).untilAsserted(() -> signed.given().queryParam("subject", id).get("/console/progress")
                .then().statusCode(200).body(containsString(event)));
        signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("event", hidden(page, "event"))
                .formParam("body.en", "Fixed.").formParam("status", "resolved").formParam("impact", "")
                .formParam("action", "publish").post("/console/incidents/" + id).then().statusCode(303);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents.json").then()
                .body("incidents.find { it.id == '" + id + "' }.status", is("resolved")));
        given().get("/api/v2/components.json").then()
                .body("components.find { it.id == '" + component + "' }.status", is("operational"));
    }

    @Test
    void aNoticeIsPreviewedThenPublishedAndTheDashboardRefreshesItsProgress() {
        Signed signed = signIn();
        String form = signed.given().get("/console/notices/new").then().statusCode(200).extract().asString();
        assertThat(form).doesNotContain("name=\"status\"").doesNotContain("name=\"impact\"");
        String id = hidden(form, "id");
        String event = hidden(form, "event");
        assertThat(id).startsWith("notice-");
        signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("event", event)
                .formParam("title.es", "Nueva dirección de soporte").formParam("title.en", "A new support address")
                .formParam("body.es", "Escríbenos a ayuda@example.org.")
                .formParam("body.en", "Write to ayuda@example.org.").formParam("notify", "webhook")
                .formParam("action", "preview").post("/console/notices").then().statusCode(200)
                .body(containsString("Nueva dirección de soporte")).body(containsString("A new support address"))
                .body(containsString("Write to ayuda@example.org."));
        signed.given().formParam("csrf", signed.csrf()).formParam("id", id).formParam("event", event)
                .formParam("title.es", "Nueva dirección de soporte").formParam("body.es", "Escríbenos a ayuda@example.org.")
                .formParam("notify", "webhook").formParam("action", "publish").post("/console/notices").then()
                .statusCode(303).header("Location", containsString("/console/notices/new?event=" + event));
        // the notice is applied and notified (to the webhooks): the dashboard's live part lists it
        await().atMost(WAIT).untilAsserted(() -> signed.given().get("/console/progress").then().statusCode(200)
                .body(containsString(event)));
        signed.given().get("/console").then().statusCode(200).body(containsString("src=\"/console/refresh.js\""))
                .body(containsString("data-src=\"/console/progress\""));
        signed.given().get("/console/refresh.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("getAttribute('data-src')"));
    }

    @Test
    void anIncompleteFormIsAnsweredWithWhatIsMissing() {
        Signed signed = signIn();
        signed.given().formParam("csrf", signed.csrf()).formParam("id", "inc-missing").formParam("status", "bogus")
                .formParam("impact", "minor").formParam("action", "publish").post("/console/incidents").then()
                .statusCode(400).body(containsString("el título es obligatorio"))
                .body(containsString("el mensaje es obligatorio")).body(containsString("Estado: &#39;bogus&#39;"));
    }
}
