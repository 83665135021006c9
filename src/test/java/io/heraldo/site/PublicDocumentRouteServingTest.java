package io.heraldo.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heraldo.ManagementPort;
import io.heraldo.StatusTables;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The public documents once made are served by {@link PublicDocumentRoute} from the event loop, the first request of
 * a revision by the REST layer: the same answer either way, over HTTP/1.1 and HTTP/2.
 */
@QuarkusTest
class PublicDocumentRouteServingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> PATHS = List.of("/", "/en", "/?lang=en", "/history", "/history?page=2",
            "/api/v2/summary.json", "/api/v2/status.json", "/history.atom", "/history.rss", "/maintenance.ics",
            "/badge.svg", "/badge.svg?lang=en");

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private String component;
    private String incident;

    @BeforeEach
    void onePageWithAnIncident() {
        StatusTables.reset(dataSource);
        component = SiteEvents.unique("cmp");
        incident = SiteEvents.unique("inc");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        SiteEvents.component(component, "Correo " + component, "Servidores", "operational", now.minusDays(3));
        SiteEvents.incidentOpened(incident, "Correo lento", "Revisando.", component, "partial_outage",
                now.minusMinutes(10));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents/unresolved.json").then()
                .statusCode(200).body("incidents[0].id", org.hamcrest.Matchers.is(incident)));
    }

    @Test
    void theRouteAnswersAsTheRestLayerDid() throws Exception {
        int compared = 0;
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient client = HttpClient.newBuilder().version(version).build();
            for (String path : concat(PATHS, "/incidents/" + incident, "/en/incidents/" + incident,
                    "/badge/" + component + ".svg")) {
                for (String method : List.of("GET", "HEAD")) {
                    for (String coding : List.of("identity", "gzip", "gzip, deflate, br")) {
                        String what = version + " " + method + " " + path + " " + coding;
                        // No revision is trusted: the next request reads it, in the REST layer (unless a read in the
                        // background began after this), and the one after is answered by the route (unless this
                        // machine took longer than heraldo.site.revision-max-age in between).
                        StatusTables.announceChange();
                        double rest = answers("rest");
                        HttpResponse<byte[]> byRest = send(client, method, path, coding, null);
                        boolean restAnswered = answers("rest") == rest + 1;
                        double route = answers("route");
                        HttpResponse<byte[]> byRoute = send(client, method, path, coding, null);
                        if (!restAnswered || answers("route") != route + 1) {
                            continue;
                        }
                        compared++;
                        assertThat(byRoute.statusCode()).as(what).isEqualTo(200).isEqualTo(byRest.statusCode());
                        assertThat(byRoute.body()).as(what).isEqualTo(byRest.body());
                        Map<String, List<String>> routeHeaders = headers(byRoute);
                        if (method.equals("HEAD")) {
                            // the route says how long the GET's body is (RFC 9110, 9.3.2), the REST layer does not
                            assertThat(routeHeaders.remove("content-length")).as(what)
                                    .containsExactly(Integer.toString(send(client, "GET", path, coding, null).body().length));
                        }
                        assertThat(routeHeaders).as(what).isEqualTo(headers(byRest));
                        String etag = byRoute.headers().firstValue("ETag").orElseThrow();
                        HttpResponse<byte[]> notModified = send(client, method, path, coding, etag);
                        assertThat(notModified.statusCode()).as(what).isEqualTo(304);
                        assertThat(notModified.headers().firstValue("Content-Encoding")).as(what).isEmpty();
                    }
                }
            }
        }
        System.out.printf("route and REST layer compared on %d requests%n", compared);
        assertThat(compared).isPositive();
    }

    @Test
    void plainAndGzipCopiesAreSentAsTheClientTakesThem() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : PATHS) {
            send(client, "GET", path, null, null);
            HttpResponse<byte[]> plain = send(client, "GET", path, null, null);
            HttpResponse<byte[]> zipped = send(client, "GET", path, "br;q=1, gzip;q=0.8", null);
            HttpResponse<byte[]> refused = send(client, "GET", path, "gzip;q=0, deflate", null);
            assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
            assertThat(zipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            assertThat(refused.headers().allValues("Content-Encoding")).as(path).doesNotContain("gzip");
            assertThat(gunzip(zipped.body())).as(path).isEqualTo(plain.body());
            assertThat(zipped.headers().firstValue("Content-Length")).as(path)
                    .hasValue(Integer.toString(zipped.body().length));
        }
    }

    @Test
    void metricsNameTheRouteNotTheIncident() {
        for (int i = 0; i < 3; i++) {
            given().get("/incidents/" + incident).then().statusCode(200);
            given().get("/en/history/2").then().statusCode(200);
            given().get("/badge/" + component + ".svg").then().statusCode(200);
        }
        // metrics are on the management port
        String metrics = ManagementPort.given().get("/q/metrics").asString();
        metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")
                && (line.contains("incidents") || line.contains("history") || line.contains("badge"))).forEach(System.out::println);
        assertThat(metrics).doesNotContain("uri=\"/incidents/" + incident).doesNotContain("uri=\"/en/history/2")
                .contains("uri=\"/incidents/{id}\"").contains("uri=\"/{lang: [a-z]{2}}/history/{page: [0-9]{1,9}}\"")
                .doesNotContain("uri=\"/{lang}/history/{page}\"")
                .doesNotContain("uri=\"/badge/" + component).contains("uri=\"/badge/{componentId}.svg\"");
    }

    @Test
    void otherQueryParametersMakeNoOtherDocument() {
        io.restassured.response.Response home = given().get("/");
        io.restassured.response.Response tracked = given().get("/?utm_source=mail&page=9&x");
        assertThat(tracked.header("ETag")).isEqualTo(home.header("ETag"));
        assertThat(tracked.asByteArray()).isEqualTo(home.asByteArray());
        assertThat(given().get("/?lang=en").header("ETag")).isNotEqualTo(home.header("ETag"));
    }

    @Test
    void aMissingIncidentIsNotKept() {
        String later = SiteEvents.unique("inc");
        given().get("/incidents/" + later).then().statusCode(404);
        given().get("/incidents/" + later).then().statusCode(404);
        SiteEvents.incidentOpened(later, "Llegó después", "Revisando.", component, "degraded_performance",
                OffsetDateTime.now(ZoneOffset.UTC));
        await().atMost(WAIT).untilAsserted(() -> given().get("/incidents/" + later).then().statusCode(200));
    }

    @Test
    void aChangeNobodyAnnouncedShowsWithinTheRevisionsMaximumAge() throws SQLException {
        String before = given().get("/api/v2/status.json").header("ETag");
        long revision;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // as another replica's commit looks from here: nothing announced in this process
            s.execute("update page_state set revision = revision + 1, updated_at = now()");
            var rs = s.executeQuery("select revision from page_state");
            rs.next();
            revision = rs.getLong(1);
        }
        long start = System.nanoTime();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> given().get("/api/v2/status.json")
                .header("ETag").startsWith("W/\"" + revision + "-"));
        System.out.printf("an unannounced change showed after %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(before).doesNotStartWith("W/\"" + revision + "-");
    }

    private double answers(String by) {
        return registry.counter(PublicDocumentRoute.ANSWERS, "by", by).count();
    }

    private static HttpResponse<byte[]> send(HttpClient client, String method, String path, String coding,
            String etag) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (coding != null) {
            request.header("Accept-Encoding", coding);
        }
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Every header but the date, which moves. */
    private static Map<String, List<String>> headers(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }

    private static byte[] gunzip(byte[] zipped) throws IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(zipped))) {
            return in.readAllBytes();
        }
    }

    private static List<String> concat(List<String> list, String... more) {
        List<String> all = new java.util.ArrayList<>(list);
        all.addAll(List.of(more));
        return all;
    }
}
