package io.heraldo.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A maintenance has its page at {@code /incidents/<id>}, where emails, tweets, feeds and the API's shortlink send
 * readers; unique ids, since every test shares the application and its database.
 */
@QuarkusTest
class MaintenancePageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    PagesExport export;

    @Inject
    PageSnapshots snapshots;

    @Test
    void aScheduledThenCancelledMaintenanceHasItsPageInBothLanguages() {
        String component = SiteEvents.unique("cmp");
        String maintenance = SiteEvents.unique("mnt");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        // far ahead, so that it heads the history (newest first) whatever other tests scheduled
        OffsetDateTime from = now.plusDays(400);
        SiteEvents.component(component, "Buzones " + component, null, "operational", now.minusDays(5));
        SiteEvents.maintenanceScheduled(maintenance, "Cambio de disco", "Cambiaremos un disco.", from, from.plusHours(2),
                now.minusHours(1), component);
        await().atMost(WAIT).untilAsserted(() -> given().get("/incidents/" + maintenance).then().statusCode(200)
                .body(containsString("Programado")));
        String scheduled = given().get("/incidents/" + maintenance).asString();
        java.time.format.DateTimeFormatter shown = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        java.time.ZoneId zone = java.time.ZoneId.of("America/Santiago"); // heraldo.page.time-zone
        String window = "Desde " + from.atZoneSameInstant(zone).format(shown) + " hasta "
                + from.plusHours(2).atZoneSameInstant(zone).format(shown);
        assertThat(scheduled).contains("<h1>Cambio de disco</h1>", "Mantenimiento · Programado", window,
                "Buzones " + component, "Cambiaremos un disco.", "s-maintenance");
        // the home page lists it, linked
        assertThat(given().get("/").asString()).contains("<a href=\"/incidents/" + maintenance + "\">Cambio de disco</a>");

        SiteEvents.maintenanceCancelled(maintenance, "Lo dejamos para otro día.", now);
        await().atMost(WAIT).untilAsserted(() -> given().get("/incidents/" + maintenance).then().statusCode(200)
                .body(containsString("Mantenimiento · Cancelado")));
        String cancelled = given().get("/incidents/" + maintenance).then()
                .header("Content-Security-Policy", containsString("default-src 'none'")).extract().asString();
        assertThat(cancelled).contains("<p class=\"banner s-done\">", "Lo dejamos para otro día.",
                "Cancelado</strong>", "Programado</strong>", window);
        assertThat(cancelled.indexOf("Cancelado</strong>")).as("newest update first")
                .isLessThan(cancelled.indexOf("Programado</strong>"));

        String english = given().get("/en/incidents/" + maintenance).then().statusCode(200)
                .header("Content-Language", "en").extract().asString();
        assertThat(english).contains("<html lang=\"en\">", "Maintenance · Cancelled", "Scheduled for", "Cancelled</strong>",
                "Scheduled</strong>", "Affects", "href=\"/en/history\"", "href=\"/es/incidents/" + maintenance + "\"");
        given().queryParam("lang", "en").get("/incidents/" + maintenance).then().statusCode(200)
                .body(containsString("Maintenance · Cancelled"));

        // the history links it, and the link leads to its page
        String history = given().get("/history").asString();
        assertThat(history).contains("<a href=\"/incidents/" + maintenance + "\">Cambio de disco</a>");
        String englishHistory = given().get("/en/history").asString();
        assertThat(englishHistory).contains("<a href=\"/en/incidents/" + maintenance + "\">Cambio de disco</a>");
        given().get("/en/incidents/" + maintenance).then().statusCode(200);
        // validators cover it like an incident page
        String etag = given().get("/incidents/" + maintenance).header("ETag");
        given().header("If-None-Match", etag).get("/incidents/" + maintenance).then().statusCode(304);
    }

    @Test
    void maintenanceTextIsShownAsText() {
        String component = SiteEvents.unique("cmp");
        String maintenance = SiteEvents.unique("mnt");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        SiteEvents.component(component, "<b>comp</b>", null, "operational", now.minusDays(1));
        SiteEvents.maintenanceScheduled(maintenance, "<script>alert(1)</script>", "<img src=x onerror=alert(2)> & \"q\"",
                now.plusDays(1), now.plusDays(1).plusHours(1), now, component);
        await().atMost(WAIT).untilAsserted(() -> given().get("/incidents/" + maintenance).then().statusCode(200));
        for (String path : java.util.List.of("/incidents/" + maintenance, "/en/incidents/" + maintenance, "/")) {
            String page = given().get(path).then().statusCode(200).extract().asString();
            assertThat(page).as(path).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;comp&lt;/b&gt;")
                    .doesNotContain("<script", "<img", "<b>comp");
        }
        assertThat(given().get("/incidents/" + maintenance).asString())
                .contains("&lt;img src=x onerror=alert(2)&gt; &amp; &quot;q&quot;");
    }

    @Test
    void theStaticCopyHasAPageForEveryMaintenance() throws Exception {
        String maintenance = SiteEvents.unique("mnt");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        SiteEvents.maintenanceScheduled(maintenance, "Copia " + maintenance, "Texto.", now.plusDays(500),
                now.plusDays(500).plusHours(1), now);
        await().atMost(WAIT).untilAsserted(() -> given().get("/incidents/" + maintenance).then().statusCode(200));
        Map<String, byte[]> files = new TreeMap<>();
        export.write(snapshots.current(), files::put);
        for (String file : java.util.List.of("incidents/" + maintenance + "/index.html",
                "es/incidents/" + maintenance + "/index.html", "en/incidents/" + maintenance + "/index.html")) {
            assertThat(files).containsKey(file);
            assertThat(new String(files.get(file), StandardCharsets.UTF_8)).contains("<h1>Copia " + maintenance + "</h1>");
        }
        assertThat(new String(files.get("en/incidents/" + maintenance + "/index.html"), StandardCharsets.UTF_8))
                .contains("Maintenance · Scheduled");
        // the copy's history links to the page it has
        String history = new String(files.get("history/index.html"), StandardCharsets.UTF_8);
        assertThat(history).contains("href=\"/incidents/" + maintenance + "\"");
        given().get("/incidents/" + maintenance).then().statusCode(200).body(containsString("Copia " + maintenance));
        given().get("/incidents/" + SiteEvents.unique("mnt")).then().statusCode(is(404));
    }
}
