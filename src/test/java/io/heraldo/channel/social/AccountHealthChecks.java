package io.heraldo.channel.social;

import static io.heraldo.channel.social.IncidentStory.WAIT;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.heraldo.ManagementPort;

/**
 * What the health endpoints say of a social account: while paused for refused credentials wellness is DOWN with the
 * refusal for alerting and readiness stays UP reporting the pause, so the status page stays served.
 */
public final class AccountHealthChecks {

    private AccountHealthChecks() {
    }

    /** Waits until the account's check (e.g. {@code "Bluesky channel"}) reports a pause whose reason names it. */
    public static void awaitPaused(String check, String reason) {
        String found = "checks.find { it.name == '" + check + "' }";
        await().atMost(WAIT).untilAsserted(() -> ManagementPort.given().get("/q/health/well").then().statusCode(503)
                .body(found + ".status", is("DOWN")).body(found + ".data.reason", containsString(reason)));
        ManagementPort.given().get("/q/health/ready").then()
                .body(found + ".status", is("UP")).body(found + ".data.paused", is(true));
    }

    /** Waits until the account's check is UP on the wellness endpoint again. */
    public static void awaitWorking(String check) {
        await().atMost(WAIT).untilAsserted(() -> ManagementPort.given().get("/q/health/well").then()
                .body("checks.find { it.name == '" + check + "' }.status", is("UP")));
    }
}
