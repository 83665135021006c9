package io.heraldo.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Signing in to the console with an admin token, the session cookie, CSRF on every form, sign-out, the rate limit. */
@QuarkusTest
class ConsoleLoginTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** A client address of its own, so no other test's attempts count against this one's. */
    static String client() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    @Test
    void withoutASessionEveryPageRedirectsToTheSignInPage() {
        given().redirects().follow(false).get("/console").then().statusCode(303)
                .header("Location", endsWith("/console/login"));
        given().redirects().follow(false).get("/console/incidents/new").then().statusCode(303)
                .header("Location", endsWith("/console/login"));
        given().redirects().follow(false).cookie(ConsoleGate.COOKIE, "forged").get("/console").then().statusCode(303);
    }

    @Test
    void aSignInWithTheAdminTokenOpensASessionThatSignOutCloses() {
        String client = client();
        Response page = given().header("X-Forwarded-For", client).header("Accept-Language", "en").get("/console/login");
        page.then().statusCode(200).header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("form-action 'self'"))
                .header("Cache-Control", "no-store").body(containsString("Admin token"));
        String loginCsrf = csrf(page.asString());
        assertThat(page.getHeaders().getValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith(ConsoleLoginResource.LOGIN_COOKIE + "=" + loginCsrf).contains("HttpOnly", "SameSite=Strict"));

        // no token in the form: refused; the form's token without its cookie: refused
        given().header("X-Forwarded-For", client).cookie(ConsoleLoginResource.LOGIN_COOKIE, loginCsrf)
                .formParam("token", HeraldoServers.ADMIN_TOKEN).post("/console/login").then().statusCode(403);
        given().header("X-Forwarded-For", client).formParam("csrf", loginCsrf)
                .formParam("token", HeraldoServers.ADMIN_TOKEN).post("/console/login").then().statusCode(403);
        // a wrong token
        given().header("X-Forwarded-For", client).header("Accept-Language", "en")
                .cookie(ConsoleLoginResource.LOGIN_COOKIE, loginCsrf).formParam("csrf", loginCsrf)
                .formParam("token", "not-the-token").post("/console/login").then().statusCode(401)
                .body(containsString("That token is not an admin token."));

        Response signedIn = given().redirects().follow(false).header("X-Forwarded-For", client)
                .cookie(ConsoleLoginResource.LOGIN_COOKIE, loginCsrf).formParam("csrf", loginCsrf)
                .formParam("token", HeraldoServers.ADMIN_TOKEN).post("/console/login");
        signedIn.then().statusCode(303).header("Location", endsWith("/console"));
        String sessionCookie = signedIn.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleGate.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(sessionCookie).contains("HttpOnly", "SameSite=Strict", "Path=/console", "Max-Age=28800")
                .doesNotContain("Secure").doesNotContain(HeraldoServers.ADMIN_TOKEN);
        String session = sessionCookie.substring(ConsoleGate.COOKIE.length() + 1, sessionCookie.indexOf(';'));

        Response dashboard = given().cookie(ConsoleGate.COOKIE, session).header("Accept-Language", "es").get("/console");
        dashboard.then().statusCode(200).body(containsString("Panel")).body(containsString("Incidentes abiertos"));
        String csrf = csrf(dashboard.asString());

        given().redirects().follow(false).cookie(ConsoleGate.COOKIE, session).post("/console/logout").then()
                .statusCode(403);
        given().redirects().follow(false).cookie(ConsoleGate.COOKIE, session).formParam("csrf", "wrong")
                .post("/console/logout").then().statusCode(403);
        given().cookie(ConsoleGate.COOKIE, session).get("/console").then().statusCode(200);
        given().redirects().follow(false).cookie(ConsoleGate.COOKIE, session).formParam("csrf", csrf)
                .post("/console/logout").then().statusCode(303).header("Location", endsWith("/console/login"));
        given().redirects().follow(false).cookie(ConsoleGate.COOKIE, session).get("/console").then().statusCode(303);
    }

    @Test
    void withoutOpenIdConnectConfiguredOnlyTheTokenSignsIn() {
        given().header("X-Forwarded-For", client()).header("Accept-Language", "en").get("/console/login").then()
                .statusCode(200).body(containsString("name=\"token\"")).body(not(containsString("/console/oidc")))
                .body(not(containsString("Sign in with")));
        // no provider is asked: the path is not there
        given().redirects().follow(false).get("/console/oidc").then().statusCode(404);
    }

    @Test
    void signInAttemptsAreLimitedPerClient() {
        String client = client();
        Response page = given().header("X-Forwarded-For", client).get("/console/login");
        String csrf = csrf(page.asString());
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", client).cookie(ConsoleLoginResource.LOGIN_COOKIE, csrf)
                    .formParam("csrf", csrf).formParam("token", "guess-" + i).post("/console/login").then()
                    .statusCode(401);
        }
        // even the right token waits now
        given().header("X-Forwarded-For", client).cookie(ConsoleLoginResource.LOGIN_COOKIE, csrf)
                .formParam("csrf", csrf).formParam("token", HeraldoServers.ADMIN_TOKEN).post("/console/login").then()
                .statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // another client is not held back
        given().header("X-Forwarded-For", client()).cookie(ConsoleLoginResource.LOGIN_COOKIE, csrf)
                .formParam("csrf", csrf).formParam("token", "guess").post("/console/login").then().statusCode(401);
    }

    @Inject
    Jdbi jdbi;

    @Inject
    ConsoleConfig config;

    @Test
    void aSessionEndsWithItsLifetime() {
        // opened nine hours ago, with the default lifetime of eight
        ConsoleSessions past = new ConsoleSessions(jdbi, config,
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-9)));
        ConsoleSessions.Opened old = past.open("token-old");
        ConsoleSessions.Opened fresh = new ConsoleSessions(jdbi, config).open("token-new");
        given().redirects().follow(false).cookie(ConsoleGate.COOKIE, old.cookie()).get("/console").then().statusCode(303)
                .header("Location", endsWith("/console/login"));
        given().cookie(ConsoleGate.COOKIE, fresh.cookie()).get("/console").then().statusCode(200)
                .body(containsString("token-new"));
        // only the hash of the cookie is stored
        long stored = jdbi.withHandle(h -> h.createQuery("select count(*) from console_session where id_hash = :c")
                .bind("c", fresh.cookie()).mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void theSessionCookieIsSecureBehindHttps() {
        assertThat(ConsoleResponses.cookie(ConsoleGate.COOKIE, "v", 60, true))
                .isEqualTo("heraldo_console=v; Path=/console; Max-Age=60; HttpOnly; SameSite=Strict; Secure");
        assertThat(ConsoleResponses.cookie(ConsoleGate.COOKIE, "v", 60, false)).doesNotContain("Secure");
    }

    static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a csrf field in the page").isTrue();
        return matcher.group(1);
    }
}
