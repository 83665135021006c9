package io.heraldo.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.heraldo.HeraldoServers;
import io.heraldo.StatusTables;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code /badge.svg} and {@code /badge/{componentId}.svg} over HTTP: SVG, escaped, per language, cached by revision. */
@QuarkusTest
class BadgesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    private String component;

    @BeforeEach
    void oneOperationalComponent() {
        StatusTables.reset(dataSource);
        component = SiteEvents.unique("mail.smtp");
        SiteEvents.component(component, "Correo saliente", null, "operational", now().minusMinutes(5));
        await().atMost(WAIT).until(() -> given().get("/badge/" + component + ".svg").statusCode() == 200);
    }

    @Test
    void aComponentsBadgeIsAnSvgOfItsNameAndStatusInTheAskedLanguage() {
        given().get("/badge/" + component + ".svg").then().statusCode(200)
                .contentType(startsWith("image/svg+xml"))
                .header("Cache-Control", "no-cache")
                .header("ETag", startsWith("W/\""));
        assertThat(texts("/badge/" + component + ".svg")).containsExactly("Correo saliente", "Operativo");
        assertThat(texts("/badge/" + component + ".svg?lang=en")).containsExactly("Correo saliente", "Operational");
        assertThat(texts("/badge/" + component + ".svg?lang=es")).containsExactly("Correo saliente", "Operativo");
        Document english = svg(given().header("Accept-Language", "en-GB,en;q=0.8").get("/badge/" + component + ".svg"));
        assertThat(english.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("Correo saliente: Operational");
        assertThat(given().get("/badge/" + component + ".svg?lang=en").header("ETag"))
                .isNotEqualTo(given().get("/badge/" + component + ".svg").header("ETag"));
    }

    @Test
    void thePagesBadgeTellsTheOverallStatusUnderThePagesName() {
        Document calm = svg(given().get("/badge.svg?lang=en"));
        assertThat(texts(calm)).containsExactly(HeraldoServers.PAGE_NAME, "All systems operational");
        assertThat(fill(calm)).isEqualTo("#4c1");
        SiteEvents.component(component, "Correo saliente", null, "major_outage", now());
        await().atMost(WAIT).untilAsserted(() -> assertThat(texts("/badge.svg"))
                .containsExactly(HeraldoServers.PAGE_NAME, "Hay una interrupción mayor"));
        assertThat(fill(svg(given().get("/badge.svg")))).isEqualTo("#e05d44");
    }

    @Test
    void theColourAndTheEtagChangeWithTheStatus() {
        String path = "/badge/" + component + ".svg?lang=en";
        Response operational = given().get(path);
        assertThat(fill(svg(operational))).isEqualTo("#4c1");
        SiteEvents.component(component, "Correo saliente", null, "degraded_performance", now());
        await().atMost(WAIT).untilAsserted(() -> assertThat(texts(path)).containsExactly("Correo saliente",
                "Degraded performance"));
        Response degraded = given().get(path);
        assertThat(fill(svg(degraded))).isEqualTo("#dfb317");
        assertThat(degraded.header("ETag")).isNotEqualTo(operational.header("ETag"));
        // the copy a client kept is stale now: it gets the new badge, not a 304
        given().header("If-None-Match", operational.header("ETag")).get(path).then().statusCode(200);
        SiteEvents.component(component, "Correo saliente", null, "major_outage", now().plusSeconds(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(fill(svg(given().get(path)))).isEqualTo("#e05d44"));
    }

    @Test
    void anUnchangedBadgeCostsA304AndComesGzippedToWhoTakesIt() {
        String path = "/badge/" + component + ".svg";
        String etag = given().get(path).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get(path).then().statusCode(304).header("ETag", etag);
        given().header("If-None-Match", etag).head(path).then().statusCode(304);
        given().header("Accept-Encoding", "gzip").get(path).then().statusCode(200)
                .header("Content-Encoding", "gzip").header("ETag", etag)
                .header("Vary", containsString("Accept-Encoding"));
        given().get("/badge.svg").then().statusCode(200).contentType(startsWith("image/svg+xml"));
        String pageEtag = given().get("/badge.svg").header("ETag");
        given().header("If-None-Match", pageEtag).get("/badge.svg").then().statusCode(304);
    }

    @Test
    void aHostileComponentNameStaysText() {
        String hostile = SiteEvents.unique("hostile");
        String name = "<script>alert(1)</script><b onload=\"x()\">&amp;";
        SiteEvents.component(hostile, name, null, "partial_outage", now());
        await().atMost(WAIT).until(() -> given().get("/badge/" + hostile + ".svg").statusCode() == 200);
        Response answer = given().get("/badge/" + hostile + ".svg?lang=en");
        assertThat(answer.asString()).doesNotContain("<script").doesNotContain("<b ")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onload=&quot;x()&quot;&gt;&amp;amp;");
        Document svg = svg(answer);
        assertThat(svg.getElementsByTagName("script").getLength()).isZero();
        assertThat(svg.getElementsByTagName("b").getLength()).isZero();
        assertThat(texts(svg)).containsExactly(name, "Partial outage");
        assertThat(fill(svg)).isEqualTo("#fe7d37");
    }

    @Test
    void anUnknownComponentIs404() {
        given().get("/badge/" + SiteEvents.unique("nobody") + ".svg").then().statusCode(404)
                .body("error", containsString("componentId"));
        given().get("/badge/.svg").then().statusCode(404);
    }

    @Test
    void theStaticCopyHasTheBadgesInTheDefaultLanguage() {
        Path dir = Path.of(ConfigProvider.getConfig().getValue("heraldo.site.export-dir", String.class));
        byte[] live = given().get("/badge/" + component + ".svg?lang=es").asByteArray();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(dir.resolve("badge/" + component + ".svg")).hasBinaryContent(live);
            assertThat(Files.readAllBytes(dir.resolve("badge.svg")))
                    .isEqualTo(given().get("/badge.svg?lang=es").asByteArray());
        });
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static Document svg(Response response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return BadgeTest.parse(response.asByteArray());
    }

    /** The label and the message as shown (the texts drawn over their shadows). */
    private static List<String> texts(String path) {
        return texts(svg(given().get(path)));
    }

    private static List<String> texts(Document svg) {
        var texts = svg.getElementsByTagName("text");
        return List.of(texts.item(1).getTextContent(), texts.item(3).getTextContent());
    }

    /** The message's colour. */
    private static String fill(Document svg) {
        return ((Element) svg.getElementsByTagName("rect").item(2)).getAttribute("fill");
    }
}
