package io.heraldo.channel.email;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.heraldo.HeraldoServers;
import io.heraldo.InjectGreenMail;
import io.heraldo.TestKafka;
import io.heraldo.audience.AudienceFixtures;
import io.quarkus.test.junit.QuarkusTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * From a Kafka event to a real SMTP server: subscribers hear about what concerns them, in their language, threaded,
 * once; one click and they hear nothing more; SMTP outages are retried.
 */
@QuarkusTest
class EmailFanoutTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectGreenMail
    GreenMail greenMail;

    @Test
    void subscribeConfirmReceiveThreadedUpdatesThenUnsubscribeWithOneClick() throws Exception {
        String domain = domain();
        String component = "ldap-" + UUID.randomUUID().toString().substring(0, 8);
        String reader = "lectora@" + domain;
        String witness = "testigo@" + domain;
        subscribe(reader, "es", List.of(component));
        subscribe(witness, "en", List.of());

        String incident = "inc-" + component;
        TestKafka.publishStructured(incident, incidentEvent(incident + "-1", "incident.opened", incident, "investigating",
                component, "major_outage", "Cerca del 70% de los usuarios no puede iniciar sesión."));
        MimeMessage opened = awaitMail(reader, 1).get(0);
        assertThat(opened.getSubject()).isEqualTo("[ZBox Mail] Investigando: Problemas de validación de usuarios");
        assertThat(opened.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(opened.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(opened.getHeader("List-Unsubscribe", null)).contains("/subscriptions/unsubscribe?token=")
                .contains("mailto:ayuda@zboxapp.test");
        assertThat(opened.getFrom()[0].toString()).contains("ayuda@zboxapp.test");
        assertThat(opened.getReplyTo()[0].toString()).contains("ayuda@zboxapp.test");
        assertThat(GreenMailUtil.getBody(opened)).contains("Cerca del 70% de los usuarios");

        TestKafka.publishStructured(incident, incidentEvent(incident + "-2", "incident.updated", incident, "identified",
                component, "major_outage", "Encontramos la causa."));
        MimeMessage update = awaitMail(reader, 2).get(1);
        assertThat(update.getSubject()).isEqualTo("[ZBox Mail] Identificado: Problemas de validación de usuarios");
        assertThat(update.getHeader("In-Reply-To", null)).isEqualTo(opened.getMessageID());
        assertThat(update.getHeader("References", null)).contains(opened.getMessageID());
        assertThat(update.getMessageID()).isNotEqualTo(opened.getMessageID());
        assertThat(awaitMail(witness, 2).get(0).getSubject()).isEqualTo("[ZBox Mail] Investigating: Problemas de validación de usuarios");

        // One click (RFC 8058): the POST a mail client sends to the List-Unsubscribe URL.
        String unsubscribeUrl = between(opened.getHeader("List-Unsubscribe", null), "<", ">");
        String unsubscribePath = unsubscribeUrl.substring(unsubscribeUrl.indexOf("/subscriptions/"));
        given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click").post(unsubscribePath).then().statusCode(200);

        TestKafka.publishStructured(incident, incidentEvent(incident + "-3", "incident.resolved", incident, "resolved",
                component, "operational", "Servicio restablecido."));
        awaitMail(witness, 3);
        assertThat(mailsTo(reader)).hasSize(2);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .get("/admin/v1/notifications/" + incident + "-3").then().statusCode(200)
                .body("email.sent", greaterThanOrEqualTo(1)).body("email.pending", is(0)).body("email.failed", is(0)));
    }

    @Test
    void componentFiltersAndLocalesReachTheRightPeople() throws Exception {
        String domain = domain();
        String ldap = "ldap-" + UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "mailbox-" + UUID.randomUUID().toString().substring(0, 8);
        importSubscribers("""
                email,locale,components
                todo-es@%1$s,es,
                ldap-en@%1$s,en,%2$s
                mailbox-es@%1$s,es,%3$s
                ambos-en@%1$s,en,%2$s;%3$s
                """.formatted(domain, ldap, mailbox));
        String incident = "inc-" + ldap;
        TestKafka.publishStructured(incident, incidentEvent(incident + "-1", "incident.opened", incident, "investigating",
                ldap, "partial_outage", "El LDAP responde lento."));
        assertThat(awaitMail("todo-es@" + domain, 1).get(0).getSubject()).startsWith("[ZBox Mail] Investigando:");
        assertThat(awaitMail("ldap-en@" + domain, 1).get(0).getSubject()).startsWith("[ZBox Mail] Investigating:");
        assertThat(awaitMail("ambos-en@" + domain, 1).get(0).getSubject()).startsWith("[ZBox Mail] Investigating:");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .get("/admin/v1/notifications/" + incident + "-1").then().body("email.pending", is(0)));
        assertThat(mailsTo("mailbox-es@" + domain)).isEmpty();
    }

    @Test
    void maintenanceMailCarriesACalendarThatIsUpdatedAndCancelled() throws Exception {
        String domain = domain();
        String component = "mbx-" + UUID.randomUUID().toString().substring(0, 8);
        String reader = "calendario@" + domain;
        importSubscribers("email,locale,components\n" + reader + ",es,\n");
        String maintenance = "mnt-" + component;
        OffsetDateTime start = OffsetDateTime.now().plusDays(3).withNano(0);
        TestKafka.publishStructured(maintenance, """
                {"specversion": "1.0", "id": "%1$s-1", "source": "/test", "type": "maintenance.scheduled",
                 "data": {"maintenance": {"id": "%1$s", "title": "Activación de un nuevo servidor Mailbox", "status": "scheduled",
                          "scheduledFor": "%2$s", "scheduledUntil": "%3$s", "components": ["%4$s"]},
                          "update": {"body": "Habilitaremos un nuevo servidor; el caché se vaciará."}}}"""
                .formatted(maintenance, start, start.plusMinutes(30), component));
        VEvent scheduled = event(calendarOf(awaitMail(reader, 1).get(0)));
        TestKafka.publishStructured(maintenance, """
                {"specversion": "1.0", "id": "%1$s-2", "source": "/test", "type": "maintenance.cancelled",
                 "data": {"maintenance": {"id": "%1$s"}, "update": {"body": "Lo haremos otro día."}}}"""
                .formatted(maintenance));
        MimeMessage cancelledMail = awaitMail(reader, 2).get(1);
        Calendar cancelled = calendarOf(cancelledMail);
        assertThat(cancelled.getProperty("METHOD").orElseThrow().getValue()).isEqualTo("CANCEL");
        VEvent cancelledEvent = event(cancelled);
        assertThat(cancelledEvent.getProperty("UID").orElseThrow().getValue())
                .isEqualTo(scheduled.getProperty("UID").orElseThrow().getValue());
        assertThat(Integer.parseInt(cancelledEvent.getProperty("SEQUENCE").orElseThrow().getValue()))
                .isGreaterThan(Integer.parseInt(scheduled.getProperty("SEQUENCE").orElseThrow().getValue()));
        assertThat(cancelledMail.getHeader("In-Reply-To", null)).isNotNull();
    }

    @Test
    void aSilentUpdateOrAnotherChannelSendsNoMail() throws Exception {
        String domain = domain();
        String reader = "silencio@" + domain;
        importSubscribers("email,locale,components\n" + reader + ",es,\n");
        String incident = "inc-silent-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.publishStructured(incident, incidentEvent(incident + "-1", "incident.opened", incident, "investigating",
                "c-" + incident, "major_outage", "nadie lo sabrá").replace("\"update\":", "\"notify\": [], \"update\":"));
        TestKafka.publishStructured(incident, incidentEvent(incident + "-2", "incident.updated", incident, "identified",
                "c-" + incident, "major_outage", "solo por twitter").replace("\"update\":", "\"notify\": [\"twitter\"], \"update\":"));
        TestKafka.publishStructured(incident, incidentEvent(incident + "-3", "incident.resolved", incident, "resolved",
                "c-" + incident, "operational", "por correo"));
        assertThat(awaitMail(reader, 1).get(0).getSubject()).startsWith("[ZBox Mail] Resuelto:");
        assertThat(mailsTo(reader)).hasSize(1);
    }

    @Test
    void anSmtpOutageIsRetriedUntilTheRelayIsBack() throws Exception {
        String domain = domain();
        String reader = "paciente@" + domain;
        importSubscribers("email,locale,components\n" + reader + ",en,\n");
        String incident = "inc-outage-" + UUID.randomUUID().toString().substring(0, 8);
        greenMail.stop();
        try {
            TestKafka.publishStructured(incident, incidentEvent(incident + "-1", "incident.opened", incident, "investigating",
                    "c-" + incident, "major_outage", "The relay is down too."));
            // The first attempt met the outage and was scheduled again.
            await().atMost(WAIT).until(() -> attempts(incident + "-1", reader).contains("retrying"));
        } finally {
            greenMail.start();
        }
        assertThat(awaitMail(reader, 1).get(0).getSubject()).startsWith("[ZBox Mail] Investigating:");
        await().atMost(WAIT).until(() -> attempts(incident + "-1", reader).contains("sent"));
        // Every attempt is in the log: the failed ones while SMTP was down, then the one that went through.
        assertThat(attempts(incident + "-1", reader)).startsWith("retrying").endsWith("sent").doesNotContain("failed");
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).get("/admin/v1/notifications/" + incident + "-1").then()
                .statusCode(200).body("email.sent", greaterThanOrEqualTo(1)).body("email.failed", is(0));
    }

    @Test
    void aMaintenanceIsRemindedOnceBeforeItStarts() throws Exception {
        String domain = domain();
        String reader = "recordar@" + domain;
        importSubscribers("email,locale,components\n" + reader + ",en,\n");
        String maintenance = "mnt-remind-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime start = OffsetDateTime.now().plusMinutes(30).withNano(0);
        // Scheduled two hours ago for 30 minutes from now: the reminder (1 h before) is due.
        TestKafka.publishStructured(maintenance, """
                {"specversion": "1.0", "id": "%1$s-1", "source": "/test", "type": "maintenance.scheduled", "time": "%2$s",
                 "data": {"maintenance": {"id": "%1$s", "title": "Cambio de discos", "status": "scheduled",
                          "scheduledFor": "%3$s", "scheduledUntil": "%4$s", "components": ["disk-%1$s"]},
                          "update": {"body": "Cambiaremos discos."}}}"""
                .formatted(maintenance, start.minusHours(2).minusMinutes(30), start, start.plusMinutes(20)));
        List<MimeMessage> mails = awaitMail(reader, 2);
        assertThat(mails.stream().map(m -> {
            try {
                return m.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactlyInAnyOrder("[ZBox Mail] Scheduled maintenance: Cambio de discos",
                "[ZBox Mail] Maintenance reminder: Cambio de discos");
        // The maintenance clock ticks every second in tests: still two mails several ticks later.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> mailsTo(reader).size() == 2);
    }

    @Test
    void bareComponentChangesAreNotEmailedByDefault() throws Exception {
        String component = "bare-" + UUID.randomUUID().toString().substring(0, 8);
        importSubscribers("email,locale,components\ntodo@" + domain() + ",es,\n");
        TestKafka.publishStructured(component, """
                {"specversion": "1.0", "id": "%1$s-1", "source": "/test", "type": "component.status_changed",
                 "data": {"component": {"id": "%1$s", "status": "major_outage"}, "reason": "cayó"}}""".formatted(component));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/components.json").then()
                .body("components.find { it.id == '%s' }.status".formatted(component), is("major_outage")));
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).get("/admin/v1/notifications/" + component + "-1").then()
                .statusCode(200).body("email.sent", is(0)).body("email.pending", is(0));
        TestKafka.publishStructured(component, """
                {"specversion": "1.0", "id": "%1$s-2", "source": "/test", "type": "component.status_changed",
                 "data": {"component": {"id": "%1$s", "status": "operational"}}}""".formatted(component));
    }

    @Test
    void anUnknownEventHasNoNotifications() {
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).get("/admin/v1/notifications/never-published").then()
                .statusCode(404).body("error", containsString("never-published"));
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    @Inject
    DataSource dataSource;

    private List<String> attempts(String eventId, String address) throws Exception {
        List<String> outcomes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select a.outcome from delivery_attempt a join delivery d on d.id = a.delivery_id
                where d.event_id = ? and d.recipient_data like ? order by a.attempt""")) {
            ps.setString(1, eventId);
            ps.setString(2, "%\"" + address + "\"%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    outcomes.add(rs.getString(1));
                }
            }
        }
        return outcomes;
    }

    private static String domain() {
        return UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private void subscribe(String email, String locale, List<String> components) throws Exception {
        AudienceFixtures.subscribe(AudienceFixtures.client(), "{\"email\": \"%s\", \"locale\": \"%s\", \"components\": [%s]}"
                .formatted(email, locale, String.join(",", components.stream().map(c -> "\"" + c + "\"").toList())))
                .then().statusCode(202);
        given().get(AudienceFixtures.confirmPath(awaitMail(email, 1).get(0))).then().statusCode(200);
        greenMail.purgeEmailFromAllMailboxes();
    }

    private static void importSubscribers(String csv) {
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("text/csv").body(csv)
                .post("/admin/v1/subscribers/import").then().statusCode(200);
    }

    private List<MimeMessage> mailsTo(String address) throws Exception {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private List<MimeMessage> awaitMail(String address, int count) throws Exception {
        await().atMost(WAIT).until(() -> mailsTo(address).size() >= count);
        return mailsTo(address);
    }

    private static Calendar calendarOf(MimeMessage message) throws Exception {
        String calendar = findCalendar(message.getContent());
        assertThat(calendar).as("a text/calendar part").isNotNull();
        return new CalendarBuilder().build(new StringReader(calendar));
    }

    private static String findCalendar(Object content) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/calendar")) {
                    Object body = part.getContent();
                    return body instanceof String text ? text
                            : new String(((InputStream) body).readAllBytes(), StandardCharsets.UTF_8);
                }
                String nested = findCalendar(part.getContent());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    private static VEvent event(Calendar calendar) {
        return calendar.<VEvent> getComponents("VEVENT").get(0);
    }

    private static String between(String text, String start, String end) {
        Matcher matcher = Pattern.compile(Pattern.quote(start) + "(.*?)" + Pattern.quote(end), Pattern.DOTALL).matcher(text);
        assertThat(matcher.find()).as("'%s' in %s", start, text).isTrue();
        return start.startsWith("/") ? matcher.group(1) : matcher.group(1);
    }

    private static String incidentEvent(String id, String type, String incident, String status, String component,
            String componentStatus, String body) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "%s",
                 "data": {"incident": {"id": "%s", "title": "Problemas de validación de usuarios", "status": "%s",
                          "impact": "critical", "components": {"%s": "%s"}},
                          "update": {"body": "%s"}}}""".formatted(id, type, incident, status, component, componentStatus, body);
    }
}
