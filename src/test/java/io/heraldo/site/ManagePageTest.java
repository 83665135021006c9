package io.heraldo.site;

import static io.heraldo.audience.AudienceFixtures.awaitMail;
import static io.heraldo.audience.AudienceFixtures.confirmPath;
import static io.heraldo.audience.AudienceFixtures.mailsTo;
import static io.heraldo.audience.AudienceFixtures.part;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.InjectGreenMail;
import io.heraldo.TestKafka;
import io.heraldo.audience.AudienceFixtures;
import io.heraldo.audience.Kinds;
import io.heraldo.audience.Subscriber;
import io.heraldo.audience.SubscriberRepository;
import io.heraldo.audience.SubscriberState;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The reader's own page, reached from a mail's link: its form changes language, components and kinds (through the
 * outbox, like every change), the next mail follows the change, and its button unsubscribes.
 */
@QuarkusTest
class ManagePageTest {

    private static final Pattern MANAGE_LINK = Pattern.compile("https?://[^\\s\"<>]+(/subscriptions/manage\\?token=[A-Za-z0-9_-]+)");

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    SubscriberRepository repository;

    @Inject
    Jdbi jdbi;

    @Test
    void theReaderChangesLanguageAndKindsOnTheirPageAndTheNextMailFollows() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String component = "manage-" + tag;
        String reader = "lectora-" + tag + "@zbox.test";
        AudienceFixtures.subscribe(AudienceFixtures.client(), """
                {"email": "%s", "locale": "es", "components": ["%s"], "kinds": "major"}""".formatted(reader, component))
                .then().statusCode(202);
        MimeMessage confirmation = awaitMail(greenMail, reader, 1);
        assertThat(part(confirmation, "text/plain")).contains("elegiste solo incidentes graves y mantenimientos");
        assertThat(part(confirmation, "text/html")).contains("elegiste solo incidentes graves y mantenimientos");
        given().get(confirmPath(confirmation)).then().statusCode(200);
        assertThat(repository.byEmail(reader).orElseThrow().kinds()).isEqualTo(Kinds.MAJOR);

        String incident = "inc-" + tag;
        publish(incident, tag + "-1", "incident.opened", incident, "investigating", ", \"impact\": \"critical\"", component);
        MimeMessage first = awaitMail(greenMail, reader, 2);
        assertThat(first.getSubject()).startsWith("[ZBox Mail] Investigando:");
        String page = managePath(first);

        given().get(page).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Language", "es")
                .body(containsString("Tus avisos"), containsString(reader),
                        containsString("value=\"es\" checked"), containsString("value=\"major\" checked"),
                        containsString("value=\"" + component + "\" checked"), not(containsString("<script")));

        // The token is bound to its purpose and its subscriber: the unsubscribe token is no key to this page.
        String unsubscribeToken = between(first.getHeader("List-Unsubscribe", null), "token=", ">");
        given().get("/subscriptions/manage?token=" + unsubscribeToken).then().statusCode(400);
        String token = page.substring(page.indexOf("token=") + 6);
        String tampered = token.substring(0, 30) + (token.charAt(30) == 'A' ? 'B' : 'A') + token.substring(31);
        given().get("/subscriptions/manage?token=" + tampered).then().statusCode(400);

        // A value the page does not offer is refused, naming what, and changes nothing.
        given().formParam("action", "save").formParam("locale", "es").formParam("kinds", "urgent").post(page).then()
                .statusCode(400).body(containsString("Esa elección de avisos no está disponible"));
        assertThat(repository.byEmail(reader).orElseThrow().kinds()).isEqualTo(Kinds.MAJOR);

        long outboxBefore = outboxRows(reader);
        given().formParam("action", "save").formParam("locale", "en").formParam("kinds", "all")
                .formParam("components", component).post(page).then().statusCode(200)
                .header("Content-Language", "en")
                .body(containsString("Saved."), containsString("value=\"en\" checked"),
                        containsString("value=\"all\" checked"));
        Subscriber changed = repository.byEmail(reader).orElseThrow();
        assertThat(changed.locale()).isEqualTo("en");
        assertThat(changed.kinds()).isEqualTo(Kinds.ALL);
        assertThat(changed.components()).containsExactly(component);
        assertThat(outboxRows(reader)).as("the change went through the outbox").isEqualTo(outboxBefore + 1);
        assertThat(latestOutboxPayload(changed)).contains("\"locale\":\"en\"", "\"kinds\":\"all\"");

        // The next update comes in the language just chosen.
        publish(incident, tag + "-2", "incident.updated", incident, "identified", "", component);
        MimeMessage next = awaitMail(greenMail, reader, 3);
        assertThat(next.getSubject()).startsWith("[ZBox Mail] Identified:");
        assertThat(next.getHeader("Content-Language", null)).startsWith("en");
        assertThat(part(next, "text/plain")).contains("Your language, components and which notifications you get:",
                "/subscriptions/manage?token=" + token);

        // The page's other button: every mail stops.
        given().formParam("action", "unsubscribe").post(page).then().statusCode(200)
                .body(containsString("will get no more notifications"));
        assertThat(repository.byEmail(reader).orElseThrow().state()).isEqualTo(SubscriberState.UNSUBSCRIBED);
        given().get(page).then().statusCode(200).body(containsString("gets no notifications"),
                not(containsString("name=\"kinds\"")));
        given().formParam("action", "save").formParam("locale", "es").post(page).then().statusCode(409);
        assertThat(mailsTo(greenMail, reader)).hasSize(3);
    }

    @Test
    void theSubscribeFormTakesKinds() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "forma-" + tag + "@zbox.test";
        given().header("X-Forwarded-For", AudienceFixtures.client()).formParam("email", email)
                .formParam("locale", "en").formParam("kinds", "lifecycle").post("/subscribe").then().statusCode(200);
        assertThat(repository.byEmail(email).orElseThrow().kinds()).isEqualTo(Kinds.LIFECYCLE);
        given().header("X-Forwarded-For", AudienceFixtures.client()).formParam("email", "otra-" + email)
                .formParam("locale", "en").formParam("kinds", "urgent").post("/subscribe").then().statusCode(400)
                .body(containsString("That choice of notifications is not offered"));
        given().get("/?lang=en").then().statusCode(200).body(containsString("name=\"kinds\" value=\"major\""));
    }

    private long outboxRows(String email) {
        return jdbi.withHandle(h -> h.createQuery("""
                select count(*) from subscriber_outbox o join subscriber s on s.id = o.subscriber_id
                where s.email = :email""").bind("email", email).mapTo(Long.class).one());
    }

    private String latestOutboxPayload(Subscriber subscriber) {
        return jdbi.withHandle(h -> h.createQuery("select payload from subscriber_outbox where subscriber_id = :id "
                + "order by id desc limit 1").bind("id", subscriber.id()).mapTo(String.class).one());
    }

    private static String managePath(MimeMessage mail) {
        Matcher m = MANAGE_LINK.matcher(part(mail, "text/plain"));
        assertThat(m.find()).as("a link to the reader's page in " + part(mail, "text/plain")).isTrue();
        return m.group(1);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    private static void publish(String key, String id, String type, String incident, String status, String impact,
            String component) {
        TestKafka.publishStructured(key, """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "%s",
                 "data": {"incident": {"id": "%s", "title": "Correo lento", "status": "%s"%s,
                          "components": {"%s": "major_outage"}}, "update": {"body": "Novedades."}}}"""
                .formatted(id, type, incident, status, impact, component));
    }
}
