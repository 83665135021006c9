package io.heraldo.channel.email;

import static io.heraldo.audience.AudienceFixtures.mailsTo;
import static io.heraldo.audience.AudienceFixtures.part;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.HeraldoServers;
import io.heraldo.InjectGreenMail;
import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Readers get what they chose: {@code kinds} against the events of two incidents (one minor, one critical) and one
 * maintenance, from Kafka to a real SMTP server; and every mail links the reader's own page.
 */
@QuarkusTest
class EmailKindsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectGreenMail
    GreenMail greenMail;

    @Test
    void eachReaderGetsTheKindsTheyChose() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String component = "kinds-" + tag;
        String all = "todo-" + tag + "@zbox.test";
        String major = "grave-" + tag + "@zbox.test";
        String lifecycle = "ciclo-" + tag + "@zbox.test";
        String unset = "antiguo-" + tag + "@zbox.test";
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("text/csv").body("""
                email,locale,components,kinds
                %s,es,%s,all
                %s,es,%s,major
                %s,es,%s,lifecycle
                """.formatted(all, component, major, component, lifecycle, component))
                .post("/admin/v1/subscribers/import").then().statusCode(200).body("imported", is(3));
        // A file from before kinds existed: its subscribers hear everything.
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("text/csv")
                .body("email,locale,components\n" + unset + ",en," + component + "\n")
                .post("/admin/v1/subscribers/import").then().statusCode(200).body("imported", is(1));

        String minor = "inc-minor-" + tag;
        String critical = "inc-critical-" + tag;
        String maintenance = "mnt-" + tag;
        OffsetDateTime start = OffsetDateTime.now().plusDays(3).withNano(0);
        List<String> events = List.of(
                publish(minor, tag + "-a1", incident("incident.opened", minor, "investigating", "minor", component, tag + "-a1")),
                publish(minor, tag + "-a2", incident("incident.updated", minor, "identified", null, component, tag + "-a2")),
                publish(minor, tag + "-a3", incident("incident.resolved", minor, "resolved", null, component, tag + "-a3")),
                publish(critical, tag + "-b1", incident("incident.opened", critical, "investigating", "critical", component,
                        tag + "-b1")),
                publish(critical, tag + "-b2", incident("incident.updated", critical, "monitoring", null, component,
                        tag + "-b2")),
                publish(maintenance, tag + "-m1", """
                        "type": "maintenance.scheduled", "data": {"maintenance": {"id": "%s", "title": "Cambio de discos",
                         "status": "scheduled", "scheduledFor": "%s", "scheduledUntil": "%s", "components": ["%s"]},
                         "update": {"body": "Novedades %s-m1."}}""".formatted(maintenance, start, start.plusHours(1),
                        component, tag)),
                publish(maintenance, tag + "-m2", """
                        "type": "maintenance.updated", "data": {"maintenance": {"id": "%s"},
                         "update": {"body": "Novedades %s-m2."}}""".formatted(maintenance, tag)),
                publish(maintenance, tag + "-m3", """
                        "type": "maintenance.started", "data": {"maintenance": {"id": "%s", "status": "in_progress"},
                         "update": {"body": "Novedades %s-m3."}}""".formatted(maintenance, tag)),
                publish(maintenance, tag + "-m4", """
                        "type": "maintenance.completed", "data": {"maintenance": {"id": "%s", "status": "completed"},
                         "update": {"body": "Novedades %s-m4."}}""".formatted(maintenance, tag)));
        List<String> everything = List.of(tag + "-a1", tag + "-a2", tag + "-a3", tag + "-b1", tag + "-b2", tag + "-m1",
                tag + "-m2", tag + "-m3", tag + "-m4");
        List<String> majorOnes = List.of(tag + "-b1", tag + "-b2", tag + "-m1", tag + "-m2", tag + "-m3", tag + "-m4");
        List<String> lifecycleOnes = List.of(tag + "-a1", tag + "-a3", tag + "-b1", tag + "-m1", tag + "-m3", tag + "-m4");

        // Every notification planned and settled: what has not arrived by then was never meant to. Published in a
        // burst, an update may reach a reader inside a later one's mail (coalescing): each reader is told every
        // update they chose exactly once, mailed or carried, and gets the last one of each thread as its own mail.
        // (Readers of other tests who follow everything hear of these too: the counts are not this test's alone.)
        for (String event : events) {
            await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                    .get("/admin/v1/notifications/" + event).then().statusCode(200)
                    .body("email.pending", is(0)).body("email.failed", is(0)));
        }
        await().atMost(WAIT).until(() -> toldTo(all, tag).size() == everything.size());

        assertThat(toldTo(all, tag)).containsExactlyInAnyOrderElementsOf(everything);
        assertThat(toldTo(unset, tag)).containsExactlyInAnyOrderElementsOf(everything);
        assertThat(toldTo(major, tag)).as("major: the critical incident and the maintenance")
                .containsExactlyInAnyOrderElementsOf(majorOnes);
        assertThat(toldTo(lifecycle, tag)).as("lifecycle: openings, resolution, schedule, start and end")
                .containsExactlyInAnyOrderElementsOf(lifecycleOnes);
        for (String reader : List.of(all, unset, major)) {
            assertThat(eventsMailedTo(reader)).as("the last update of each thread is mailed to %s", reader)
                    .contains(tag + "-b2", tag + "-m4");
        }
        assertThat(eventsMailedTo(all)).contains(tag + "-a3");
        assertThat(eventsMailedTo(lifecycle)).contains(tag + "-a3", tag + "-b1", tag + "-m4");

        // Every mail links the reader's own page, in both parts; List-Unsubscribe stays the one-click link.
        for (MimeMessage mail : mailsTo(greenMail, major)) {
            assertThat(part(mail, "text/plain")).containsPattern("http://localhost:8080/subscriptions/manage\\?token=[A-Za-z0-9_-]{64}");
            assertThat(part(mail, "text/html")).containsPattern("href=\"http://localhost:8080/subscriptions/manage\\?token=[A-Za-z0-9_-]{64}\"");
            assertThat(mail.getHeader("List-Unsubscribe", null)).contains("/subscriptions/unsubscribe?token=")
                    .doesNotContain("/subscriptions/manage");
            assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        }
    }

    /** Every update an address was told, in its own mail or carried by a later one (each body names its event). */
    private List<String> toldTo(String address, String tag) {
        Pattern told = Pattern.compile("Novedades (" + tag + "-[a-z0-9]+)\\.");
        return mailsTo(greenMail, address).stream().flatMap(mail -> {
            try {
                return told.matcher(part(mail, "text/plain")).results().map(match -> match.group(1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The events of the mails an address got, read from their Message-IDs ({@code <event.recipient@domain>}). */
    private List<String> eventsMailedTo(String address) {
        return mailsTo(greenMail, address).stream().map(mail -> {
            try {
                String id = mail.getMessageID();
                return id.substring(1, id.indexOf('.'));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String publish(String subject, String id, String typeAndData) {
        TestKafka.publishStructured(subject, "{\"specversion\": \"1.0\", \"id\": \"" + id + "\", \"source\": \"/test\", "
                + typeAndData + "}");
        return id;
    }

    private static String incident(String type, String id, String status, String impact, String component,
            String event) {
        return """
                "type": "%s", "data": {"incident": {"id": "%s", "title": "Correo lento", "status": "%s"%s,
                 "components": {"%s": "%s"}}, "update": {"body": "Novedades %s."}}""".formatted(type, id, status,
                impact == null ? "" : ", \"impact\": \"" + impact + "\"", component,
                "resolved".equals(status) ? "operational" : "degraded_performance", event);
    }
}
