package io.heraldo.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heraldo.StatusTables;
import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Texts in several languages on the public site (CONTRACT §1, §2): the page by {@code ?lang=}, its path or
 * {@code Accept-Language}; the history, feeds and calendar likewise; the Statuspage API in the default locale
 * ({@code es}) unless {@code ?lang=} asks.
 */
@QuarkusTest
class SiteLanguagesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    private String incident;
    private String maintenance;
    private String notice;

    @BeforeEach
    void publish() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        incident = "inc-lang-" + unique;
        maintenance = "mnt-lang-" + unique;
        notice = "notice-lang-" + unique;
        TestKafka.publishStructured(incident, """
                {"specversion": "1.0", "id": "%1$s-1", "source": "/test", "type": "incident.opened",
                 "data": {"incident": {"id": "%1$s", "title": {"en": "Slow logins %2$s", "es": "Ingresos lentos %2$s"},
                          "status": "investigating", "impact": "minor", "components": {"sso-%2$s": "degraded_performance"}},
                          "update": {"body": {"es": "Estamos investigando %2$s.", "en": "We are investigating %2$s."}}}}"""
                .formatted(incident, unique));
        OffsetDateTime start = OffsetDateTime.now().plusDays(2).withNano(0);
        TestKafka.publishStructured(maintenance, """
                {"specversion": "1.0", "id": "%1$s-1", "source": "/test", "type": "maintenance.scheduled",
                 "data": {"maintenance": {"id": "%1$s", "title": {"es": "Cambio de disco %2$s", "en": "Disk swap %2$s"},
                          "status": "scheduled", "scheduledFor": "%3$s", "scheduledUntil": "%4$s", "components": []},
                          "update": {"body": {"es": "Sin corte %2$s.", "en": "No downtime %2$s."}}}}"""
                .formatted(maintenance, unique, start, start.plusHours(1)));
        TestKafka.publishStructured(notice, """
                {"specversion": "1.0", "id": "%1$s-1", "source": "/test", "type": "notice.published",
                 "data": {"notice": {"id": "%1$s", "title": {"es": "Nuevo soporte %2$s", "en": "New support %2$s"},
                          "body": {"es": "Escribanos %2$s.", "en": "Write to us %2$s."}}}}"""
                .formatted(notice, unique));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents/unresolved.json").then()
                .body("incidents.id", hasItem(incident)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/scheduled-maintenances/upcoming.json").then()
                .body("scheduled_maintenances.id", hasItem(maintenance)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/history").asString())
                .contains("Nuevo soporte"));
    }

    @Test
    void thePageInEachLanguage() {
        String spanish = given().get("/").then().statusCode(200).extract().asString();
        assertThat(spanish).contains("Ingresos lentos").contains("Estamos investigando").doesNotContain("Slow logins");

        String english = given().get("/?lang=en").then().statusCode(200).extract().asString();
        assertThat(english).contains("Slow logins").contains("We are investigating").doesNotContain("Ingresos lentos");

        assertThat(given().header("Accept-Language", "en-US,en;q=0.9").get("/").asString())
                .contains("Slow logins").doesNotContain("Ingresos lentos");
        assertThat(given().get("/en/incidents/" + incident).then().statusCode(200).extract().asString())
                .contains("Slow logins").contains("We are investigating");
        assertThat(given().get("/incidents/" + maintenance + "?lang=en").asString())
                .contains("Disk swap").contains("No downtime");
        assertThat(given().get("/history?lang=en").asString()).contains("New support").doesNotContain("Nuevo soporte");
        assertThat(given().get("/history").asString()).contains("Nuevo soporte").doesNotContain("New support");
    }

    @Test
    void aThirdLanguageIsConfigurationAndItsBundles() {
        String portuguese = given().get("/pt").then().statusCode(200).header("Content-Language", "pt").extract()
                .asString();
        assertThat(portuguese).contains("Incidentes abertos").contains("Histórico").contains("Ingresos lentos")
                .contains("hreflang=\"es\"").contains("hreflang=\"en\"");
        assertThat(given().header("Accept-Language", "pt-BR").get("/").asString()).contains("Incidentes abertos");
        assertThat(given().get("/history?lang=pt").asString()).contains("Incidentes, manutenções e avisos anteriores");
        assertThat(given().get("/es").asString()).contains("hreflang=\"pt\"").contains("Português");
        given().get("/de").then().statusCode(404);
        given().get("/de/history").then().statusCode(404);
    }

    @Test
    void rowsWrittenBeforeTextsHadSeveralLanguagesReadAsTheyDid() throws Exception {
        String old = "inc-old-" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // as V1 wrote them: no titles, no bodies
            s.execute("insert into incident (id, title, status, impact, created_at, updated_at) values ('" + old
                    + "', 'Antes de V17', 'investigating', 'minor', now(), now())");
            s.execute("insert into incident_update (id, incident_id, status, body, lang, created_at) values ('" + old
                    + "-1', '" + old + "', 'investigating', 'Texto de antes.', 'es', now())");
            // as every applied change does: readers keep what they read until the revision moves
            s.execute("update page_state set revision = revision + 1, updated_at = now()");
        }
        StatusTables.announceChange();
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents/unresolved.json?lang=en").then()
                .body("incidents.find { it.id == '" + old + "' }.name", startsWith("Antes de V17"))
                .body("incidents.find { it.id == '" + old + "' }.incident_updates[0].body", startsWith("Texto de antes.")));
        assertThat(given().get("/incidents/" + old + "?lang=en").asString()).contains("Antes de V17", "Texto de antes.");
        assertThat(given().get("/history.atom?lang=en").asString()).contains("Antes de V17");
    }

    @Test
    void feedsAndCalendarInTheLanguageAsked() {
        assertThat(given().get("/history.atom").asString()).contains("Ingresos lentos").contains("Escribanos")
                .doesNotContain("Slow logins");
        assertThat(given().get("/history.atom?lang=en").asString()).contains("Slow logins").contains("Write to us")
                .doesNotContain("Ingresos lentos");
        assertThat(given().get("/history.rss?lang=en").asString()).contains("Disk swap");
        assertThat(given().get("/maintenance.ics").asString()).contains("Cambio de disco").contains("Sin corte");
        assertThat(given().get("/maintenance.ics?lang=en").asString()).contains("Disk swap").contains("No downtime")
                .doesNotContain("Cambio de disco");
    }

    @Test
    void theStatuspageApiSpeaksTheDefaultLocaleUnlessAsked() {
        given().header("Accept-Language", "en").get("/api/v2/incidents/unresolved.json").then().statusCode(200)
                .body("incidents.find { it.id == '" + incident + "' }.name", startsWith("Ingresos lentos"))
                .body("incidents.find { it.id == '" + incident + "' }.incident_updates[0].body",
                        startsWith("Estamos investigando"));
        given().get("/api/v2/summary.json?lang=en").then().statusCode(200)
                .body("incidents.find { it.id == '" + incident + "' }.name", startsWith("Slow logins"))
                .body("scheduled_maintenances.find { it.id == '" + maintenance + "' }.name",
                        startsWith("Disk swap"));
    }
}
