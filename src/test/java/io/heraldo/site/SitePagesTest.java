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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heraldo.StatusTables;
import io.heraldo.StoryEvents;
import io.heraldo.audience.AudienceFixtures;
import io.heraldo.InjectGreenMail;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import com.icegreen.greenmail.util.GreenMail;

/** The status site's pages as people, browsers and the static copy get them. */
@QuarkusTest
class SitePagesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The 100-component page's bound, the goal for everything inlined (it weighed 197 kB before quiet days became runs). */
    private static final int MAX_HUNDRED_COMPONENTS = 100 * 1024;
    private static final Pattern HREF = Pattern.compile("(?:href|src|action)=\"([^\"]*)\"");

    @Inject
    DataSource dataSource;

    @Inject
    PagesExport export;

    @Inject
    PageSnapshots snapshots;

    @InjectGreenMail
    GreenMail greenMail;

    @BeforeEach
    void emptyPage() {
        StatusTables.reset(dataSource);
    }

    private void replayStory() {
        StoryEvents.publish(StoryEvents.ALL);
        // The story's events are keyed by subject, so they land on several partitions and are applied in no fixed
        // order across them: a component's name can land after the incident that named it by id. Wait for every
        // event, or a page may still change between two requests of one test.
        await().atMost(WAIT).until(() -> appliedStoryEvents() == StoryEvents.ALL.size());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents.json").then()
                .body("incidents.size()", is(2)).body("incidents[0].status", is("resolved"))
                .body("incidents[1].status", is("resolved")));
        // The mailbox maintenance of 2015 is started and completed by the maintenance clock, two events read apart:
        // "none" can be seen before the clock's first tick, and the page fetched between the two shows maintenance.
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/scheduled-maintenances.json").then()
                .body("scheduled_maintenances.find { it.id == 'mnt-mailbox-7' }.status", is("completed")));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/summary.json").then()
                .body("status.indicator", is("none")));
    }

    @Test
    void theStoryReadsOnThePageTheIncidentPagesAndTheHistory() {
        replayStory();
        String home = given().get("/").then().statusCode(200).extract().asString();
        assertThat(home).contains("<html lang=\"es\">", "Todos los sistemas funcionan con normalidad",
                "LDAP (usuarios y configuraciones)", "Servidores", "No hay incidentes abiertos.",
                "de disponibilidad en 90 días", "<ol class=\"bar\"", "action=\"/subscribe\"",
                "name=\"components\" value=\"ldap\"", "href=\"/en\"", "href=\"/history\"");
        assertThat(home).doesNotContain("<script");

        String incident = given().get("/incidents/inc-ldap-auth").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'")).extract().asString();
        assertThat(incident).contains("<h1>Problemas de validación de usuarios</h1>", "Impacto: Crítico",
                "LDAP (usuarios y configuraciones)", "Duración", "2015-02-10 14:00");
        assertThat(order(incident, "Resuelto</strong>", "En observación</strong>", "Identificado</strong>",
                "Investigando</strong>")).isTrue();

        String english = given().get("/en/incidents/inc-ldap-auth").then().statusCode(200)
                .header("Content-Language", "en").extract().asString();
        assertThat(english).contains("<html lang=\"en\">", "Impact: Critical", "Resolved</strong>",
                "href=\"/en/history\"", "href=\"/es/incidents/inc-ldap-auth\"");

        given().get("/incidents/no-such-incident").then().statusCode(404)
                .body(containsString("No encontrado")).header("Content-Security-Policy", containsString("default-src 'none'"));
        given().get("/en/incidents/no-such-incident").then().statusCode(404).body(containsString("Not found"));

        String history = given().get("/history").then().statusCode(200).extract().asString();
        assertThat(history).contains("Nueva dirección de soporte", "Desde hoy pueden escribirnos",
                "href=\"/incidents/inc-ldap-auth\"", "Incorporación de un segundo servidor LDAP", "Página 1 de 1");
        // newest first: the notice (Feb 18) before the incidents (Feb 10) before the LDAP maintenance (Feb 9)
        assertThat(order(history, "Nueva dirección de soporte", "Problemas de validación de usuarios",
                "Incorporación de un segundo servidor LDAP")).isTrue();
        given().get("/en/history/2").then().statusCode(200).body(containsString("Page 2 of 1"))
                .body(containsString("href=\"/en/history\" rel=\"prev\""));
        given().queryParam("lang", "en").get("/").then().statusCode(200)
                .body(containsString("All systems operational")).body(containsString("href=\"/en/history\""));
    }

    @Test
    void anIncidentOpenNowShowsWithItsTimelineAndOnTheUptimeBar() {
        String component = SiteEvents.unique("cmp");
        String incident = SiteEvents.unique("inc");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        SiteEvents.component(component, "Webmail " + component, "Frontales", "operational", now.minusDays(30));
        SiteEvents.incidentOpened(incident, "Webmail lento", "Estamos revisando la lentitud.", component,
                "partial_outage", now.minusMinutes(30));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents/unresolved.json").then()
                .body("incidents[0].id", is(incident)));
        String home = given().header("Accept-Language", "en").get("/").then().statusCode(200).extract().asString();
        assertThat(home).contains("Some systems are partially down", "Webmail lento", "Investigating</strong>",
                "Estamos revisando la lentitud.", "Partial outage");
        // today's day of the bar is focusable and tells what happened
        assertThat(home).containsPattern("<li tabindex=\"0\" class=\"p r\"><div><b>"
                + java.time.LocalDate.now(java.time.ZoneId.of("America/Santiago")) + "</b>(<br>Operational: [^<]*)?<br>Partial outage: 30 min<");
        assertThat(home).contains("<li>Webmail lento</li>");
    }

    @Test
    void eventTextIsShownAsTextEverywhere() {
        String component = SiteEvents.unique("cmp");
        String incident = SiteEvents.unique("inc");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        SiteEvents.component(component, "<b>bold</b> component", "<i>group</i>", "operational", now.minusDays(1));
        SiteEvents.incidentOpened(incident, "<script>alert(1)</script>", "<img src=x onerror=alert(2)> \"quoted\" & more",
                component, "major_outage", now.minusMinutes(5));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents/unresolved.json").then()
                .body("incidents[0].id", is(incident)));
        for (String path : List.of("/", "/incidents/" + incident, "/history")) {
            String page = given().get(path).then().statusCode(200).extract().asString();
            assertThat(page).as(path).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                    .doesNotContain("<script", "<img", "<b>bold", "<i>group");
        }
        String home = given().get("/").then().extract().asString();
        assertThat(home).contains("&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &amp; more",
                "&lt;b&gt;bold&lt;/b&gt; component", "&lt;i&gt;group&lt;/i&gt;");
    }

    @Test
    void thePagesAllowNothingButTheirOwnStyle() {
        Response response = given().get("/");
        response.then().statusCode(200);
        String policy = response.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'",
                "form-action 'self'").doesNotContain("unsafe", "script-src", "*");
        String html = response.asString();
        String css = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
        assertThat(policy).contains("style-src '" + SiteStyle.hash(css) + "'");
        assertThat(html).doesNotContain("style=\"", "<script", "<iframe", "<img", "<link rel=\"stylesheet\"");
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            assertThat(m.group(1)).as("nothing from another origin").matches("/.*|data:,");
        }
    }

    @Test
    void unchangedDocumentsAreNotSentAgainAndAChangeShowsAtOnce() {
        // Right after a change only the ETag validates (its second may see another change); a date follows soon.
        Response fresh = given().get("/");
        assertThat(fresh.header("ETag")).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/").header("Last-Modified") != null);
        for (String path : List.of("/", "/history", "/en", "/api/v2/summary.json")) {
            Response first = given().get(path);
            first.then().statusCode(200).header("Cache-Control", "no-cache");
            String etag = first.header("ETag");
            String lastModified = first.header("Last-Modified");
            assertThat(etag).as(path).matches("W/\"\\d+-[0-9a-f]{16}\"");
            assertThat(lastModified).endsWith(" GMT");
            given().header("If-None-Match", etag).get(path).then().statusCode(304).header("ETag", etag);
            given().header("If-Modified-Since", lastModified).get(path).then().statusCode(304);
            given().header("If-None-Match", "\"stale\"").get(path).then().statusCode(200);
        }
        String etag = given().get("/").header("ETag");
        assertThat(given().header("Accept-Language", "en").get("/").header("ETag")).isNotEqualTo(etag);

        String component = SiteEvents.unique("cmp");
        SiteEvents.component(component, "Calendario " + component, null, "degraded_performance",
                OffsetDateTime.now(ZoneOffset.UTC));
        await().atMost(WAIT).untilAsserted(() -> {
            Response changed = given().header("If-None-Match", etag).get("/");
            changed.then().statusCode(200).body(containsString("Calendario " + component));
            assertThat(changed.header("ETag")).isNotEqualTo(etag);
        });
    }

    @Test
    void textIsSentCompressedToClientsThatAcceptItAndValidatesEitherWay() throws Exception {
        replayStory();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.URI root = java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port);
        for (String path : List.of("/", "/incidents/inc-ldap-auth", "/api/v2/summary.json", "/history.atom",
                "/history.rss", "/maintenance.ics")) {
            java.net.http.HttpResponse<byte[]> plain = client.send(java.net.http.HttpRequest.newBuilder(root.resolve(path))
                    .header("Accept-Encoding", "identity").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            java.net.http.HttpResponse<byte[]> zipped = client.send(java.net.http.HttpRequest.newBuilder(root.resolve(path))
                    .header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(plain.statusCode()).as(path).isEqualTo(200);
            assertThat(zipped.statusCode()).as(path).isEqualTo(200);
            assertThat(plain.headers().firstValue("Content-Encoding").orElse("identity")).as(path).isEqualTo("identity");
            assertThat(zipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            byte[] unzipped;
            try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                    new java.io.ByteArrayInputStream(zipped.body()))) {
                unzipped = in.readAllBytes();
            }
            assertThat(unzipped).as(path).isEqualTo(plain.body());
            assertThat(zipped.body().length).as(path).isLessThan(plain.body().length);
            // one content in two codings: one weak tag, and caches told that the coding varies
            String etag = plain.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).as(path).startsWith("W/\"");
            assertThat(zipped.headers().firstValue("ETag")).as(path).hasValue(etag);
            for (java.net.http.HttpResponse<byte[]> response : List.of(plain, zipped)) {
                assertThat(String.join(",", response.headers().allValues("Vary"))).as(path).contains("Accept-Encoding");
            }
            for (String coding : List.of("identity", "gzip")) {
                java.net.http.HttpResponse<byte[]> again = client.send(java.net.http.HttpRequest.newBuilder(root.resolve(path))
                        .header("Accept-Encoding", coding).header("If-None-Match", etag).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                assertThat(again.statusCode()).as(path + " " + coding).isEqualTo(304);
                assertThat(again.body()).isEmpty();
                assertThat(String.join(",", again.headers().allValues("Vary"))).contains("Accept-Encoding");
            }
        }
    }

    @Test
    void metricsAreDrawnAsInlineSvg() {
        String metric = SiteEvents.unique("metric");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        SiteEvents.metric(metric, "Latencia " + metric, "ms", now.minusDays(3), now.minusHours(2), now.minusHours(1));
        await().atMost(WAIT).untilAsserted(() -> given().get("/").then()
                .body(containsString("Latencia " + metric + " (ms)")));
        String home = given().get("/").asString();
        String section = home.substring(home.indexOf("Latencia " + metric));
        assertThat(section).containsPattern("<path d=\"M[0-9.]+ [0-9.]+L[0-9.]+ [0-9.]+\"/>")
                .contains("Últimas 24 horas: mín 110 · máx 120 · último 120", "Últimos 7 días: mín 100 · máx 120");
    }

    @Test
    void thePageOfTwentyComponentsWithOutagesStaysUnder100kB() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String group = SiteEvents.unique("grp");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = group + "-c" + i;
            ids.add(id);
            SiteEvents.component(id, "Componente número " + i, "Grupo " + (i % 4), "operational", now.minusDays(120));
        }
        // an outage on five days of every component's bar, with an incident on each
        for (int day = 1; day <= 5; day++) {
            for (String id : ids) {
                String incident = id + "-i" + day;
                SiteEvents.incidentOpened(incident, "Interrupción del servicio " + incident, "Investigando.", id,
                        "partial_outage", now.minusDays(day * 15L));
                SiteEvents.incidentResolved(incident, "Resuelto.", id, now.minusDays(day * 15L).plusHours(2));
            }
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents.json").then()
                .body("incidents.size()", is(50)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().get("/").asString()).contains(group + "-c19-i5"));
        byte[] page = given().get("/").asByteArray();
        // kept for a look (and the report's page weight)
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "site-home-20-components.html"), page);
        assertThat(page.length).as("bytes of /").isLessThanOrEqualTo(100 * 1024);
    }

    /** The benchmark's page (100 components, 1,000 incidents in a year): raw and sent gzip size printed, raw bounded. */
    @Test
    void thePageOfAHundredComponentsIsMeasured() throws Exception {
        SiteLoad.seed(dataSource, SiteEvents.unique("load"), 100, 1_000, 5);
        byte[] page = given().get("/").then().statusCode(200).extract().asByteArray();
        // what the server sends a browser (quarkus.http.compression-level)
        byte[] zipped = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/"))
                .header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "site-home-100-components.html"), page);
        System.out.printf("page weight of / with 100 components: %d bytes raw, %d bytes gzip%n", page.length,
                zipped.length);
        String html = new String(page, StandardCharsets.UTF_8);
        assertThat(html).contains("Componente de prueba 99", "Interrupción de prueba número");
        // still accessible: every bar has its text, every day with something to say is focusable and has its detail
        assertThat(count(html, "<ol class=\"bar\" aria-label=\"Componente de prueba ")).isEqualTo(100);
        assertThat(count(html, "% de disponibilidad en 90 días</span>")).isEqualTo(100);
        int eventful = count(html, "<li tabindex=\"0\"");
        assertThat(eventful).isGreaterThan(100);
        assertThat(count(html, "\"><div><b>20")).isEqualTo(eventful);
        assertThat(count(html, "Interrupción parcial: ")).isEqualTo(eventful);
        assertThat(page.length).as("bytes of / with 100 components").isLessThanOrEqualTo(MAX_HUNDRED_COMPONENTS);
    }

    @Test
    void theSubscribeFormWorksWithoutScript() throws Exception {
        String email = "form-" + AudienceFixtures.suffix() + "@site-pages.test";
        given().header("X-Forwarded-For", AudienceFixtures.client()).contentType("application/x-www-form-urlencoded")
                .formParam("email", email).formParam("locale", "en").post("/subscribe").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("Check your inbox")).body(containsString("confirmation link"));
        assertThat(AudienceFixtures.awaitMail(greenMail, email, 1).getSubject()).isNotBlank();

        given().header("X-Forwarded-For", AudienceFixtures.client()).contentType("application/x-www-form-urlencoded")
                .formParam("email", "not an address").formParam("locale", "es").post("/subscribe").then()
                .statusCode(400).body(containsString("Esa dirección de correo no parece correcta."));
        given().header("X-Forwarded-For", AudienceFixtures.client()).contentType("application/x-www-form-urlencoded")
                .formParam("email", "x@site-pages.test").formParam("components", "no/such id").post("/subscribe").then()
                .statusCode(400).body(containsString("componentes elegidos no son válidos"));
        // the JSON API is as it was
        AudienceFixtures.subscribe("json-" + AudienceFixtures.suffix() + "@site-pages.test").then().statusCode(202)
                .contentType(containsString("application/json"));
    }

    @Test
    void theStaticCopyHasEveryPageAtItsUrlAndEveryLinkLeadsToOne() throws Exception {
        replayStory();
        Map<String, byte[]> files = new TreeMap<>();
        export.write(snapshots.current(), files::put);
        assertThat(files).containsKeys("index.html", "es/index.html", "en/index.html", "incidents/inc-ldap-auth/index.html",
                "en/incidents/inc-ldap-auth/index.html", "es/incidents/inc-virt-host/index.html", "history/index.html",
                "en/history/index.html");
        String root = new String(files.get("index.html"), StandardCharsets.UTF_8);
        // Words of the page's frame and the story's components, not the overall status: an event a previous test
        // left in flight may still land between the replay and the export.
        assertThat(root).contains("<html lang=\"es\">", "LDAP (usuarios y configuraciones)",
                "de disponibilidad en 90 días", "action=\"http://localhost:8080/subscribe\"",
                "http-equiv=\"Content-Security-Policy\"");
        assertThat(new String(files.get("en/index.html"), StandardCharsets.UTF_8)).contains("<html lang=\"en\">",
                "uptime in 90 days");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Matcher m = HREF.matcher(new String(file.getValue(), StandardCharsets.UTF_8));
            while (m.find()) {
                String link = m.group(1);
                if (link.startsWith("/api/v2/") || link.startsWith("http") || link.startsWith("data:")) {
                    continue; // the API documents and feeds are another part's files; the form posts to the live site
                }
                assertThat(files).as("link %s in %s", link, file.getKey()).containsKey(SitePaths.file(link));
            }
        }
    }

    private int appliedStoryEvents() throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "select count(*) from applied_event where event_id = any (?)")) {
            ps.setArray(1, c.createArrayOf("varchar", StoryEvents.ALL.stream().map(StoryEvents::id).toArray()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** Whether the texts occur in this order. */
    private static boolean order(String text, String... parts) {
        int at = -1;
        for (String part : parts) {
            int next = text.indexOf(part, at + 1);
            if (next < 0) {
                return false;
            }
            at = next;
        }
        return true;
    }
}
