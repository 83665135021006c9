package io.heraldo.site;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.Chromium;
import io.heraldo.InjectGreenMail;
import io.heraldo.TestKafka;
import io.heraldo.audience.AudienceFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The status page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs): what a person sees, with no script on the page.
 */
@QuarkusTest
class StatusPageBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @InjectGreenMail
    GreenMail greenMail;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Chromium.open("site", 412, 915);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPersonOnAPhoneSeesTheStatusAndSubscribes() {
        String component = SiteEvents.unique("cmp");
        String incident = SiteEvents.unique("inc");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        SiteEvents.component(component, "Correo web " + component, null, "operational", now.minusDays(10));
        // applied before the incident (another key, so maybe another partition), which would create it today
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v2/components.json").then()
                .body("components.find { it.id == '" + component + "' }.status", is("operational")));
        SiteEvents.incidentOpened(incident, "Correo web lento " + incident, "Revisando.", component, "degraded_performance",
                now.minusMinutes(20));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v2/incidents/unresolved.json")
                .then().body("incidents.find { it.id == '" + incident + "' }.status", is("investigating")));

        browser.get(root.toString() + "es");
        WebElement banner = browser.findElement(By.cssSelector("p.banner[role=status]"));
        assertThat(banner.isDisplayed()).isTrue();
        assertThat(banner.getText()).isNotBlank().doesNotContain("{");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");

        WebElement bar = browser.findElement(By.xpath(
                "//ul[@class='components']/li[.//span[text()='Correo web " + component + "']]//ol[@class='bar']"));
        assertThat(bar.isDisplayed()).isTrue();
        assertThat(bar.getSize().getWidth()).isGreaterThan(200);
        // every day has its place: runs of quiet days span as many columns as days, and are drawn that wide
        java.util.List<WebElement> pieces = bar.findElements(By.xpath("./li"));
        int days = 0;
        for (WebElement piece : pieces) {
            days += PageView.runLength(piece.getAttribute("class") == null ? "" : piece.getAttribute("class"));
        }
        assertThat(days).isEqualTo(UptimeHistory.DAYS);
        WebElement before = pieces.get(0); // the days before the component existed (10 days ago), without data
        assertThat(before.getAttribute("class")).matches("n k(79|80)");
        int empty = PageView.runLength(before.getAttribute("class"));
        double dayWidth = (bar.getSize().getWidth() + 1) / (double) UptimeHistory.DAYS;
        assertThat((double) before.getSize().getWidth()).isCloseTo(empty * dayWidth - 1,
                org.assertj.core.data.Offset.offset(2.0));
        assertThat(bar.findElement(By.xpath("./li[last()]")).getSize().getWidth())
                .isCloseTo((int) Math.round(dayWidth - 1), org.assertj.core.data.Offset.offset(2));

        // today's day tells about the incident when it gets the keyboard focus, without any script
        WebElement today = bar.findElement(By.xpath("./li[last()]"));
        WebElement tip = today.findElement(By.tagName("div"));
        assertThat(tip.isDisplayed()).isFalse();
        new Actions(browser).moveToElement(today).perform();
        assertThat(tip.isDisplayed()).as("on hover").isTrue();
        new Actions(browser).moveToElement(banner).perform();
        assertThat(tip.isDisplayed()).isFalse();
        // a headless window never has the system's focus: let the page behave as if it had
        browser.executeCdpCommand("Emulation.setFocusEmulationEnabled", java.util.Map.of("enabled", true));
        browser.executeScript("arguments[0].focus()", today); // the test's only script: the page has none
        assertThat(tip.isDisplayed()).as("on keyboard focus").isTrue();
        assertThat(tip.getText()).contains("Correo web lento " + incident, "Rendimiento degradado");

        String email = "browser-" + AudienceFixtures.suffix() + "@site-pages.test";
        browser.findElement(By.id("subscribe-email")).sendKeys(email);
        browser.findElement(By.cssSelector("input[name=components][value='" + component + "']")).click();
        browser.findElement(By.cssSelector("form.subscribe button[type=submit]")).click();
        // the answer is another page: wait for it rather than read the heading of the one being left
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Revisa tu correo"));
        assertThat(browser.findElement(By.cssSelector("p[role=status]")).getText()).contains("enlace de confirmación");
    }

    /**
     * From the page's form (only major news) to the reader's own page opened from a mail: English and every update
     * chosen with two clicks and a button, and the next mail arrives in English.
     */
    @Test
    void aReaderChangesTheirLanguageOnTheirOwnPageAndTheNextMailIsInIt() throws Exception {
        String component = SiteEvents.unique("cmp");
        String email = "browser-page-" + AudienceFixtures.suffix() + "@site-pages.test";
        SiteEvents.component(component, "Webmail " + component, null, "operational", OffsetDateTime.now(ZoneOffset.UTC));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/v2/components.json").then()
                .body("components.find { it.id == '" + component + "' }.status", is("operational")));

        browser.get(root.toString() + "es");
        browser.findElement(By.id("subscribe-email")).sendKeys(email);
        browser.findElement(By.cssSelector("input[name=components][value='" + component + "']")).click();
        browser.findElement(By.cssSelector("input[name=kinds][value=major]")).click();
        browser.findElement(By.cssSelector("form.subscribe button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Revisa tu correo"));
        browser.get(root.toString() + AudienceFixtures.confirmPath(AudienceFixtures.awaitMail(greenMail, email, 1)).substring(1)
                + "&lang=es");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Suscripción confirmada");

        String incident = SiteEvents.unique("inc");
        notifying(incident, "incident.opened", """
                {"incident": {"id": "%s", "title": "Webmail caído", "status": "investigating", "impact": "critical",
                 "components": {"%s": "major_outage"}}, "update": {"body": "Revisando."}}"""
                .formatted(incident, component));
        MimeMessage opened = AudienceFixtures.awaitMail(greenMail, email, 2);
        assertThat(opened.getSubject()).contains("Webmail caído");
        Matcher link = Pattern.compile("https?://[^\\s\"<>]+/(subscriptions/manage\\?token=[A-Za-z0-9_-]+)")
                .matcher(AudienceFixtures.part(opened, "text/html"));
        assertThat(link.find()).as("the HTML part links the reader's page").isTrue();

        browser.get(root.toString() + link.group(1));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tus avisos");
        assertThat(browser.findElement(By.cssSelector("input[name=kinds][value=major]")).isSelected()).isTrue();
        assertThat(browser.findElement(By.cssSelector("input[name=components][value='" + component + "']")).isSelected())
                .isTrue();
        browser.findElement(By.cssSelector("input[name=locale][value=en]")).click();
        browser.findElement(By.cssSelector("input[name=kinds][value=all]")).click();
        browser.findElement(By.xpath("//button[text()='Guardar']")).click();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> assertThat(browser.findElement(By.id("result")).getText()).startsWith("Saved."));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.cssSelector("input[name=locale][value=en]")).isSelected()).isTrue();

        notifying(incident, "incident.updated", """
                {"incident": {"id": "%s", "status": "identified"}, "update": {"body": "Encontramos la causa."}}"""
                .formatted(incident));
        MimeMessage next = AudienceFixtures.awaitMail(greenMail, email, 3);
        assertThat(next.getSubject()).startsWith("[ZBox Mail] Identified:");
    }

    /** An event that notifies (unlike {@link SiteEvents}' silent ones). */
    private static void notifying(String subject, String type, String data) {
        TestKafka.publishStructured(subject, "{\"specversion\": \"1.0\", \"id\": \"" + SiteEvents.unique(subject)
                + "\", \"source\": \"/test\", \"type\": \"" + type + "\", \"data\": " + data + "}");
    }
}
