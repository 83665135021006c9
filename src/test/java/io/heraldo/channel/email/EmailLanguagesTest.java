package io.heraldo.channel.email;

import static io.heraldo.audience.AudienceFixtures.awaitMail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.heraldo.HeraldoServers;
import io.heraldo.InjectGreenMail;
import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An incident written in several languages reaches each subscriber through a real SMTP server in their language;
 * a text missing in it falls back to the default locale's ({@code es}), else to the first given (CONTRACT §1).
 */
@QuarkusTest
class EmailLanguagesTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Test
    void eachReaderGetsTheirLanguageThenTheDefaultLocaleThenTheFirstGiven() throws Exception {
        String domain = UUID.randomUUID().toString().substring(0, 8) + ".test";
        String component = "ldap-" + UUID.randomUUID().toString().substring(0, 8);
        String spanish = "lectora@" + domain;
        String english = "reader@" + domain;
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("text/csv")
                .body("email,locale,components\n" + spanish + ",es,\n" + english + ",en,\n")
                .post("/admin/v1/subscribers/import").then().statusCode(200);
        String incident = "inc-" + component;

        // both languages given: each reader reads their own
        TestKafka.publishStructured(incident, event(incident + "-1", "incident.opened", incident, "investigating",
                component, "\"title\": {\"en\": \"LDAP outage\", \"es\": \"Caída del LDAP\"}, \"impact\": \"major\",",
                "{\"es\": \"Fallan los inicios de sesión.\", \"en\": \"Logins fail.\"}"));
        MimeMessage openedEs = awaitMail(greenMail, spanish, 1);
        MimeMessage openedEn = awaitMail(greenMail, english, 1);
        assertThat(openedEs.getSubject()).isEqualTo("[ZBox Mail] Investigando: Caída del LDAP");
        assertThat(GreenMailUtil.getBody(openedEs)).contains("Fallan los inicios de sesi").doesNotContain("Logins fail");
        assertThat(openedEn.getSubject()).isEqualTo("[ZBox Mail] Investigating: LDAP outage");
        assertThat(GreenMailUtil.getBody(openedEn)).contains("Logins fail.").doesNotContain("Fallan");

        // English only, no default locale's text: the Spanish reader gets the first given; the title kept stays bilingual
        TestKafka.publishStructured(incident, event(incident + "-2", "incident.updated", incident, "identified",
                component, "", "{\"en\": \"A certificate expired.\"}"));
        MimeMessage identifiedEs = awaitMail(greenMail, spanish, 2);
        MimeMessage identifiedEn = awaitMail(greenMail, english, 2);
        assertThat(identifiedEs.getSubject()).isEqualTo("[ZBox Mail] Identificado: Caída del LDAP");
        assertThat(GreenMailUtil.getBody(identifiedEs)).contains("A certificate expired.");
        assertThat(identifiedEn.getSubject()).isEqualTo("[ZBox Mail] Identified: LDAP outage");
        assertThat(GreenMailUtil.getBody(identifiedEn)).contains("A certificate expired.");

        // Spanish only: the English reader gets the default locale's text
        TestKafka.publishStructured(incident, event(incident + "-3", "incident.resolved", incident, "resolved",
                component, "", "{\"es\": \"Renovamos el certificado.\"}"));
        MimeMessage resolvedEn = awaitMail(greenMail, english, 3);
        assertThat(resolvedEn.getSubject()).isEqualTo("[ZBox Mail] Resolved: LDAP outage");
        assertThat(GreenMailUtil.getBody(resolvedEn)).contains("Renovamos el certificado.");
        assertThat(GreenMailUtil.getBody(awaitMail(greenMail, spanish, 3))).contains("Renovamos el certificado.");
    }

    @Test
    void aStringIsStillTheTextOfLangForEveryReader() throws Exception {
        String domain = UUID.randomUUID().toString().substring(0, 8) + ".test";
        String component = "mbx-" + UUID.randomUUID().toString().substring(0, 8);
        String english = "reader@" + domain;
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("text/csv")
                .body("email,locale,components\n" + english + ",en,\n")
                .post("/admin/v1/subscribers/import").then().statusCode(200);
        String incident = "inc-" + component;
        TestKafka.publishStructured(incident, event(incident + "-1", "incident.opened", incident, "investigating",
                component, "\"title\": \"Buzones lentos\", \"impact\": \"minor\",", "\"El IMAP responde lento.\""));
        MimeMessage opened = awaitMail(greenMail, english, 1);
        assertThat(opened.getSubject()).isEqualTo("[ZBox Mail] Investigating: Buzones lentos");
        assertThat(GreenMailUtil.getBody(opened)).contains("El IMAP responde lento.");
    }

    @Test
    void aThirdLanguageIsConfigurationAndItsBundles() throws Exception {
        String domain = UUID.randomUUID().toString().substring(0, 8) + ".test";
        String component = "smtp-" + UUID.randomUUID().toString().substring(0, 8);
        String portuguese = "leitora@" + domain;
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("text/csv")
                .body("email,locale,components\n" + portuguese + ",pt-BR,\n")
                .post("/admin/v1/subscribers/import").then().statusCode(200);
        String incident = "inc-" + component;
        TestKafka.publishStructured(incident, event(incident + "-1", "incident.opened", incident, "monitoring",
                component, "\"title\": {\"es\": \"Correo lento\", \"pt\": \"E-mail lento\"}, \"impact\": \"minor\",",
                "{\"en\": \"Queues are draining.\", \"pt\": \"As filas estão esvaziando.\"}"));
        MimeMessage opened = awaitMail(greenMail, portuguese, 1);
        assertThat(opened.getSubject()).isEqualTo("[ZBox Mail] Em observação: E-mail lento");
        assertThat(opened.getHeader("Content-Language", null)).startsWith("pt");
        assertThat(GreenMailUtil.getBody(opened)).contains("Cancelar inscri");

        // no Portuguese text: the default locale's
        TestKafka.publishStructured(incident, event(incident + "-2", "incident.resolved", incident, "resolved",
                component, "", "{\"en\": \"Back to normal.\", \"es\": \"Todo normal.\"}"));
        MimeMessage resolved = awaitMail(greenMail, portuguese, 2);
        assertThat(resolved.getSubject()).isEqualTo("[ZBox Mail] Resolvido: E-mail lento");
        assertThat(GreenMailUtil.getBody(resolved)).contains("Todo normal.").doesNotContain("Back to normal");
    }

    private static String event(String id, String type, String incident, String status, String component,
            String titleAndImpact, String body) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "%s",
                 "data": {"incident": {"id": "%s", %s "status": "%s", "components": {"%s": "major_outage"}},
                          "update": {"body": %s}}}""".formatted(id, type, incident, titleAndImpact, status, component, body);
    }
}
