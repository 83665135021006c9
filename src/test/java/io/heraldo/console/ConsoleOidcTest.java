package io.heraldo.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.heraldo.Chromium;
import io.heraldo.HeraldoServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/**
 * Signing in to the console with OpenID Connect, against quarkus-test-oidc-server's Keycloak stand-in (WireMock over a
 * real socket): the code flow's redirects followed one by one by a real HTTP client and, once, by Chromium; the
 * console session that follows, named after the ID token, its audited actions and its sign-out; a user without the
 * required role refused; a flow the provider ends without a sign-in back on the sign-in page. This profile also turns token sign-in off, so the token is refused at the console while the
 * admin API goes on taking it. A profile of its own: one more application start.
 */
@QuarkusTest
@TestProfile(ConsoleOidcTest.WithProvider.class)
class ConsoleOidcTest {

    static final String CLIENT_ID = "heraldo-console";
    private static final Duration WAIT = Duration.ofSeconds(30);

    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "quarkus.oidc.client-id", CLIENT_ID,
                    "quarkus.oidc.credentials.secret", "a-console-client-secret-of-more-than-32-characters",
                    "heraldo.console.oidc.provider", "Keycloak",
                    "heraldo.console.oidc.required-role", "admin",
                    "heraldo.console.token-sign-in", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    @OidcWireMock
    WireMockServer provider;

    @TestHTTPResource("/")
    URL root;

    /** A browser's cookie jar and no automatic redirects: every hop of the flow is looked at. */
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void anOperatorSignsInWithTheProviderActsUnderTheirNameAndSignsOut() throws Exception {
        // the sign-in page offers the provider, and no token field
        given().header("Accept-Language", "en").get("/console/login").then().statusCode(200)
                .body(containsString("href=\"/console/oidc\"")).body(containsString("Sign in with Keycloak"))
                .body(not(containsString("name=\"token\"")));
        given().header("Accept-Language", "es").get("/console/login").then().statusCode(200)
                .body(containsString("Entrar con Keycloak"));

        HttpResponse<String> landed = signInAs("alice");
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body()).contains("Signed in as alice").contains("http-equiv=\"refresh\"")
                .contains("url=/console");
        List<String> cookies = landed.headers().allValues("Set-Cookie");
        String sessionCookie = cookies.stream().filter(c -> c.startsWith(ConsoleGate.COOKIE + "=")).findFirst()
                .orElseThrow();
        assertThat(sessionCookie).contains("HttpOnly", "SameSite=Strict", "Path=/console", "Max-Age=28800");
        // quarkus-oidc's own session ends: the console knows only its own from here on
        assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("q_session").containsIgnoringCase("Max-Age=0"));
        String session = sessionCookie.substring(ConsoleGate.COOKIE.length() + 1, sessionCookie.indexOf(';'));

        String dashboard = given().cookie(ConsoleGate.COOKIE, session).header("Accept-Language", "en").get("/console")
                .then().statusCode(200).body(containsString("Signed in as alice")).extract().asString();
        String csrf = ConsoleLoginTest.csrf(dashboard);

        // an action, audited under the provider's name for the operator
        String email = "oidc-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        given().redirects().follow(false).cookie(ConsoleGate.COOKIE, session).formParam("csrf", csrf)
                .formParam("email", email).formParam("locale", "en").post("/console/subscribers").then()
                .statusCode(303);
        awaitEntry(entry -> "alice".equals(entry.get("actor")) && "/console/oidc".equals(entry.get("path"))
                && Integer.valueOf(200).equals(entry.get("status")));
        awaitEntry(entry -> "alice".equals(entry.get("actor")) && "/console/subscribers/add".equals(entry.get("path")));

        given().redirects().follow(false).cookie(ConsoleGate.COOKIE, session).formParam("csrf", csrf)
                .post("/console/logout").then().statusCode(303).header("Location", endsWith("/console/login"));
        given().redirects().follow(false).cookie(ConsoleGate.COOKIE, session).get("/console").then().statusCode(303)
                .header("Location", endsWith("/console/login"));
    }

    @Test
    void aUserWithoutTheRequiredRoleIsRefused() throws Exception {
        // bob: a second account of the provider, in the group "user" only
        provider.stubFor(get(urlPathEqualTo("/login")).withQueryParam("username", equalTo("bob")).atPriority(1)
                .willReturn(aResponse().withStatus(302).withHeader("Location",
                        "{{request.query.redirect_uri}}?state={{request.query.state}}&code=code-of-bob")
                        .withTransformers("response-template")));
        provider.stubFor(post("/auth/realms/quarkus/token").withRequestBody(containing("code=code-of-bob"))
                .atPriority(1).willReturn(okJson("""
                        {"access_token": "%s", "id_token": "%s"}""".formatted(
                        OidcWiremockTestResource.getAccessToken("bob", Set.of("user")),
                        OidcWiremockTestResource.getIdToken("bob", Set.of("user"), CLIENT_ID)))));

        HttpResponse<String> refused = signInAs("bob");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("bob may not use the console")
                .contains("the provider does not give this account the role admin");
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(ConsoleGate.COOKIE + "="));
        awaitEntry(entry -> "bob".equals(entry.get("actor")) && "/console/oidc".equals(entry.get("path"))
                && Integer.valueOf(403).equals(entry.get("status")));
    }

    @Test
    void aFlowTheProviderEndsWithoutASignInComesBackToTheSignInPage() throws Exception {
        // mallory cancels at the provider: it sends the browser back with an error instead of a code
        provider.stubFor(get(urlPathEqualTo("/login")).withQueryParam("username", equalTo("mallory")).atPriority(1)
                .willReturn(aResponse().withStatus(302).withHeader("Location",
                        "{{request.query.redirect_uri}}?state={{request.query.state}}&error=access_denied"
                                + "&error_description=Call+0800+FAKE+to+unlock+your+account")
                        .withTransformers("response-template")));

        URI callback = backFromProvider("mallory");
        assertThat(callback.getQuery()).contains("error=access_denied");
        HttpResponse<String> toLogin = send(callback);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        URI login = callback.resolve(toLogin.headers().firstValue("Location").orElseThrow());
        assertThat(login.getPath()).isEqualTo("/console/login");

        HttpResponse<String> page = send(login);
        assertThat(page.statusCode()).isEqualTo(200);
        // a sentence of Heraldo's, never the words a link brought
        assertThat(page.body()).contains("The provider did not complete the sign-in.").doesNotContain("0800")
                .contains("Sign in with Keycloak");
        assertThat(page.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(ConsoleGate.COOKIE + "="));
    }

    @Test
    void theAdminTokenNoLongerSignsInToTheConsoleButTheAdminApiStillTakesItAndNoProviderToken() {
        Response page = given().header("Accept-Language", "en").get("/console/login");
        String loginCsrf = page.getCookie(ConsoleLoginResource.LOGIN_COOKIE);
        given().redirects().follow(false).header("Accept-Language", "en")
                .cookie(ConsoleLoginResource.LOGIN_COOKIE, loginCsrf).formParam("csrf", loginCsrf)
                .formParam("token", HeraldoServers.ADMIN_TOKEN).post("/console/login").then().statusCode(403)
                .body(containsString("Signing in with an admin token is turned off"))
                .header("Set-Cookie", not(containsString(ConsoleGate.COOKIE + "=")));

        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).get("/admin/v1/audit?limit=1").then()
                .statusCode(200);
        // the provider's tokens open nothing of the admin API
        given().header("Authorization", "Bearer " + OidcWiremockTestResource.getAccessToken("alice", Set.of("admin")))
                .get("/admin/v1/audit?limit=1").then().statusCode(401);
    }

    @Test
    void inChromiumTheOperatorLandsOnTheDashboardSignedIn() throws Exception {
        // Heraldo on 127.0.0.1 and the provider on localhost: two sites, as in production, so the way back from the
        // provider is a cross-site chain of redirects, after which the SameSite=Strict cookie must still work.
        String console = "http://127.0.0.1:" + root.getPort() + "/console";
        ChromeDriver browser = Chromium.open("console-oidc", 1280, 1000);
        try {
            browser.get(console + "/login?lang=en");
            Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                    .disableIframeTesting().analyze(browser);
            assertThat(results.getViolations()).as("sign-in page with a provider").isEmpty();

            browser.findElement(By.linkText("Sign in with Keycloak")).click();
            await().atMost(WAIT).until(() -> browser.getCurrentUrl().startsWith(provider.baseUrl()));
            browser.findElement(By.id("username")).sendKeys("alice");
            browser.findElement(By.id("password")).sendKeys("alice");
            browser.findElement(By.id("login")).click();

            await().atMost(WAIT).until(() -> browser.getCurrentUrl().equals(console)
                    && browser.getPageSource().contains("Signed in as alice"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");

            browser.findElement(By.cssSelector("form[action='/console/logout'] button[type=submit]")).click();
            await().atMost(WAIT).until(() -> browser.getCurrentUrl().startsWith(console + "/login"));
            browser.get(console);
            assertThat(browser.getCurrentUrl()).startsWith(console + "/login");
        } finally {
            browser.quit();
        }
    }

    /**
     * The code flow as a browser walks it: Heraldo sends the browser to the provider, whose sign-in form sends it back
     * with a code; quarkus-oidc exchanges the code and comes back once more without it; then Heraldo answers.
     */
    private HttpResponse<String> signInAs(String user) throws IOException, InterruptedException {
        URI callback = backFromProvider(user);
        assertThat(callback.getQuery()).contains("code=");

        HttpResponse<String> exchanged = send(callback);
        assertThat(exchanged.statusCode()).isEqualTo(302);
        URI again = callback.resolve(exchanged.headers().firstValue("Location").orElseThrow());
        assertThat(again.getPath()).isEqualTo("/console/oidc");
        assertThat(again.getQuery()).isNull();
        return send(again);
    }

    /** From Heraldo to the provider, through its sign-in form as {@code user}: where the provider sends the browser. */
    private URI backFromProvider(String user) throws IOException, InterruptedException {
        URI start = URI.create(root + "console/oidc");
        HttpResponse<String> toProvider = send(start);
        assertThat(toProvider.statusCode()).isEqualTo(302);
        String authorize = toProvider.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(provider.baseUrl() + "/auth/realms/quarkus?")
                .contains("client_id=" + CLIENT_ID)
                .contains("redirect_uri=" + URLEncoder.encode(start.toString(), StandardCharsets.UTF_8))
                .contains("scope=openid+profile+email");

        String form = send(URI.create(authorize)).body();
        HttpResponse<String> back = send(URI.create(provider.baseUrl() + "/login?username=" + user + "&password="
                + user + "&state=" + field(form, "state") + "&redirect_uri="
                + URLEncoder.encode(field(form, "redirect_uri"), StandardCharsets.UTF_8)));
        assertThat(back.statusCode()).isEqualTo(302);
        URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/console/oidc");
        return callback;
    }

    private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Accept-Language", "en").timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\" name=\"" + id + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("the provider's form field " + id + " in " + html).isTrue();
        return m.group(1);
    }

    private static Map<String, Object> awaitEntry(Predicate<Map<String, Object>> match) {
        return await().atMost(WAIT).until(() -> given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN)
                .get("/admin/v1/audit?limit=200").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("").stream().filter(match).findFirst(), Optional::isPresent).orElseThrow();
    }
}
