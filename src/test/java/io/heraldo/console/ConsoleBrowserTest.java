package io.heraldo.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import io.heraldo.Chromium;
import io.heraldo.HeraldoServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An operator in a real headless Chromium (as the status page's browser test): signs in (a wrong token first), opens
 * an incident with a preview first, sees it on the public page, updates and resolves it; a forged POST without the
 * CSRF token is refused; hostile text stays text. Every page is checked with axe-core for WCAG 2.1 A/AA violations.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @TestHTTPResource("/")
    URL root;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Chromium.open("console", 1280, 1000);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorOpensPreviewsPublishesUpdatesAndResolvesAnIncident() {
        String component = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).contentType("application/json")
                .body("""
                        {"specversion": "1.0", "id": "%s", "source": "/test", "type": "component.status_changed",
                         "subject": "%s", "data": {"component": {"id": "%s", "name": "Webmail %s", "status": "operational"},
                         "notify": []}}""".formatted(UUID.randomUUID(), component, component, component))
                .post("/admin/v1/events").then().statusCode(202);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/components.json").then()
                .body("components.find { it.id == '" + component + "' }.status", is("operational")));

        // without a session: the sign-in page
        browser.get(root + "console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        // the language is chosen once and remembered
        browser.get(root + "console/login?lang=es");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        accessible("sign-in page");

        browser.findElement(By.id("token")).sendKeys("not-the-admin-token");
        submit(By.cssSelector("form[action='/console/login'] button[type=submit]"));
        assertThat(browser.findElement(By.cssSelector("p.error[role=alert]")).getText())
                .isEqualTo("Ese token no es un token de administración.");
        assertThat(browser.findElements(By.cssSelector("nav"))).isEmpty();

        browser.findElement(By.id("token")).sendKeys(HeraldoServers.ADMIN_TOKEN);
        submit(By.cssSelector("form[action='/console/login'] button[type=submit]"));
        assertThat(browser.getCurrentUrl()).endsWith("/console");
        assertThat(heading()).isEqualTo("Panel");
        assertThat(browser.findElement(By.xpath("//td[text()='Webmail " + component + "']")).isDisplayed()).isTrue();
        accessible("dashboard");

        // a forged POST (another site, or a script without the page's token) is refused
        String session = browser.manage().getCookieNamed(ConsoleGate.COOKIE).getValue();
        assertThat(browser.manage().getCookieNamed(ConsoleGate.COOKIE).isHttpOnly()).isTrue();
        assertThat(browser.manage().getCookieNamed(ConsoleGate.COOKIE).getSameSite()).isEqualTo("Strict");
        given().redirects().follow(false).cookie(ConsoleGate.COOKIE, session).formParam("id", "inc-forged")
                .formParam("title.es", "Falso").formParam("body.es", "Falso").formParam("status", "investigating")
                .formParam("impact", "minor").formParam("action", "publish").post("/console/incidents").then()
                .statusCode(403);

        browser.findElement(By.linkText("Nuevo incidente")).click();
        assertThat(heading()).isEqualTo("Nuevo incidente");
        String id = browser.findElement(By.name("id")).getAttribute("value");
        String hostile = "<img src=x onerror=alert(1)> Webmail lento {id} " + id;
        browser.findElement(By.id("title-es")).sendKeys(hostile);
        browser.findElement(By.id("body-es")).sendKeys("Revisando la lentitud del webmail.");
        choose("impact", "major");
        choose("component-" + component, "partial_outage");
        accessible("new incident form");
        submit(By.cssSelector("button[name=action][value=preview]"));

        // the preview: every channel, both languages, counted, nothing sent, the hostile text as text
        assertThat(browser.findElement(By.cssSelector("#preview-title")).getText()).isEqualTo("Vista previa");
        List<String> subjects = browser.findElements(By.cssSelector("pre.email-subject")).stream()
                .map(WebElement::getText).toList();
        assertThat(subjects).hasSize(2);
        assertThat(subjects.get(0)).endsWith("Investigando: " + hostile);
        assertThat(subjects.get(1)).endsWith("Investigating: " + hostile);
        assertThat(browser.findElements(By.cssSelector("p.length[data-channel=twitter]"))).hasSize(2)
                .allSatisfy(length -> assertThat(length.getText()).matches("\\d+/280"));
        assertThat(browser.findElements(By.cssSelector("p.length[data-channel=bluesky]"))).hasSize(2)
                .allSatisfy(length -> assertThat(length.getText()).matches("\\d+/300"));
        assertThat(browser.findElements(By.cssSelector("p.length[data-channel=mastodon]"))).hasSize(2)
                .allSatisfy(length -> assertThat(length.getText()).matches("\\d+/\\d+"));
        assertThat(browser.findElements(By.cssSelector("div.chat")).get(0).getText()).contains(hostile,
                "Webmail " + component);
        assertThat(browser.findElements(By.cssSelector("img"))).as("no markup from the title").isEmpty();
        assertThat(browser.findElement(By.id("title-es")).getAttribute("value")).isEqualTo(hostile);
        given().get("/api/v2/incidents.json").then().body("incidents.find { it.id == '" + id + "' }",
                org.hamcrest.Matchers.nullValue());
        accessible("preview");

        submit(By.cssSelector("button[name=action][value=publish]"));
        assertThat(browser.getCurrentUrl()).contains("/console/incidents/" + id + "?event=");
        assertThat(browser.findElement(By.cssSelector("p.notice[role=status]")).getText()).startsWith("Publicado");
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents/unresolved.json").then()
                .body("incidents.find { it.id == '" + id + "' }.name", is(hostile)));

        // the public page shows it, as text
        browser.get(root + "incidents/" + id);
        assertThat(heading()).isEqualTo(hostile);
        assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
        accessible("public incident page");
        browser.get(root + "?lang=es");
        assertThat(browser.getPageSource()).contains("Webmail lento");
        accessible("public status page");

        // update from the incident's page, then resolve
        browser.get(root + "console/incidents/" + id);
        assertThat(heading()).isEqualTo(hostile);
        accessible("incident page");
        browser.findElement(By.id("body-es")).sendKeys("Encontramos la causa: un disco lleno.");
        choose("status", "identified");
        submit(By.cssSelector("button[name=action][value=publish]"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents/unresolved.json").then()
                .body("incidents.find { it.id == '" + id + "' }.status", is("identified")));

        browser.get(root + "console/incidents/" + id);
        browser.findElement(By.id("body-es")).sendKeys("Resuelto: el webmail responde normalmente.");
        choose("status", "resolved");
        submit(By.cssSelector("button[name=action][value=preview]"));
        assertThat(browser.findElements(By.cssSelector("pre.email-subject")).get(0).getText())
                .endsWith("Resuelto: " + hostile);
        submit(By.cssSelector("button[name=action][value=publish]"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents.json").then()
                .body("incidents.find { it.id == '" + id + "' }.status", is("resolved")));
        given().get("/api/v2/components.json").then()
                .body("components.find { it.id == '" + component + "' }.status", is("operational"));
        browser.get(root + "console/incidents/" + id);
        assertThat(browser.findElements(By.cssSelector("ol.timeline > li"))).hasSize(3);
        browser.findElement(By.cssSelector("a[href^='/console/notifications/']")).click();
        assertThat(heading()).startsWith("Notificación");
        accessible("delivery log");

        // the other pages, and the console in English
        browser.findElement(By.linkText("Programar mantenimiento")).click();
        assertThat(heading()).isEqualTo("Programar mantenimiento");
        accessible("maintenance form");
        browser.findElement(By.linkText("Publicar un aviso")).click();
        assertThat(heading()).isEqualTo("Publicar un aviso");
        accessible("notice form");
        browser.findElement(By.linkText("Plantillas")).click();
        assertThat(heading()).isEqualTo("Plantillas");
        accessible("templates");
        browser.findElement(By.linkText("Suscriptores")).click();
        browser.findElement(By.id("q")).sendKeys("example");
        submit(By.cssSelector("form[role=search] button[type=submit]"));
        accessible("subscribers");
        browser.findElement(By.linkText("Webhooks")).click();
        accessible("webhooks");
        browser.findElement(By.linkText("Destinos de chat")).click();
        accessible("chat destinations");
        browser.get(root + "console?lang=en");
        assertThat(heading()).isEqualTo("Dashboard");
        // the progress refreshes itself (its script runs within the page's CSP): what was there is replaced
        browser.executeScript("document.getElementById('progress').innerHTML = '<p id=\"stale\">stale</p>'");
        await().atMost(Duration.ofSeconds(30)).until(() -> browser.findElements(By.id("stale")).isEmpty());
        assertThat(browser.findElement(By.id("progress")).getText()).contains(hostile, "X (Twitter)");
        assertThat(browser.findElements(By.cssSelector("img"))).as("refreshed text is still text").isEmpty();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        accessible("dashboard in English");

        submit(By.cssSelector("form[action='/console/logout'] button[type=submit]"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        browser.get(root + "console");
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
    }

    /** Picks an option of a select list, as a person does. */
    private void choose(String selectId, String value) {
        browser.findElement(By.cssSelector("select#" + selectId + " option[value='" + value + "']")).click();
    }

    /** Clicks a submit button and waits for the next page. */
    private void submit(By button) {
        WebElement old = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                old.getTagName();
                return false;
            } catch (StaleElementReferenceException replaced) {
                return true;
            }
        });
    }

    private String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    /** No violation of the WCAG 2.0/2.1 A and AA rules axe-core knows. */
    private void accessible(String what) {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).disableIframeTesting().analyze(browser);
        assertThat(results.getPasses()).as(what + ": axe-core checked rules").isNotEmpty();
        assertThat(results.getViolations()).as(what + ": " + describe(results.getViolations())).isEmpty();
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> rule.getId() + " (" + rule.getHelp() + ") at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }
}
