package io.heraldo.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Admin tokens in rotation (the test configuration accepts {@code heraldo.admin.token}, a second clear token and one
 * given only as its SHA-256) and the audit log of every admin request, allowed or denied.
 */
@QuarkusTest
class AdminAuditTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECOND = "test-second-admin-token";
    private static final String ROTATED = "test-rotated-token";

    @Test
    void everyConfiguredTokenIsAcceptedAndNoOtherIs() {
        for (String token : List.of(HeraldoServers.ADMIN_TOKEN, SECOND, ROTATED)) {
            given().header("Authorization", "Bearer " + token).get("/admin/v1/webhooks").then().statusCode(200);
        }
        // A token taken out of the configuration, and the configured hash presented as if it were the token.
        for (String token : List.of("test-removed-admin-token",
                "sha256:155cfeb550267b280eecbcc159a9080915fd2e1dba4adcf51d13898d27f7c977")) {
            given().header("Authorization", "Bearer " + token).get("/admin/v1/webhooks").then().statusCode(401);
        }
    }

    @Test
    void anAllowedRequestIsAuditedWithTheTokensIdAndWhatItActedOn() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = capture(logged);
        Logger audit = Logger.getLogger("heraldo.audit");
        audit.addHandler(handler);
        try {
            String url = "http://127.0.0.1:9/audit-" + UUID.randomUUID();
            Map<String, Object> created = given().header("Authorization", "Bearer " + ROTATED)
                    .contentType("application/json").body("{\"url\": \"" + url + "\"}")
                    .post("/admin/v1/webhooks").then().statusCode(201).extract().jsonPath().getMap("");
            String id = (String) created.get("id");
            String secret = (String) created.get("secret");

            Map<String, Object> entry = awaitEntry(e -> id.equals(e.get("target")));
            assertThat(entry).containsEntry("actor", "rotated").containsEntry("method", "POST")
                    .containsEntry("path", "/admin/v1/webhooks").containsEntry("status", 201);
            assertThat(entry.get("at")).isNotNull();
            assertThat(entry.get("client")).isNotNull();

            given().header("Authorization", "Bearer " + SECOND).delete("/admin/v1/webhooks/" + id).then().statusCode(204);
            Map<String, Object> deleted = awaitEntry(e -> id.equals(e.get("target")) && "DELETE".equals(e.get("method")));
            assertThat((String) deleted.get("actor")).startsWith("token-").hasSize(14);
            assertThat(deleted.get("status")).isIn(200, 204);

            String log = audit(500);
            assertThat(log).doesNotContain(secret).doesNotContain(ROTATED).doesNotContain(SECOND)
                    .doesNotContain(HeraldoServers.ADMIN_TOKEN);
            assertThat(logged).anySatisfy(record -> assertThat(format(record)).contains("rotated").contains("POST")
                    .contains("/admin/v1/webhooks").contains(id).contains("201"));
            assertThat(logged).allSatisfy(record -> assertThat(format(record)).doesNotContain(secret)
                    .doesNotContain(ROTATED));
        } finally {
            audit.removeHandler(handler);
        }
    }

    @Test
    void aPublishedEventIsAuditedWithItsId() {
        String eventId = "audit-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).contentType("application/cloudevents+json")
                .body("""
                        {"specversion": "1.0", "id": "%s", "source": "/test", "type": "notice.published",
                         "data": {"notice": {"id": "ntc-%s", "title": "Audit", "body": "Audited."}, "notify": []}}"""
                        .formatted(eventId, eventId))
                .post("/admin/v1/events").then().statusCode(202);
        Map<String, Object> entry = awaitEntry(e -> eventId.equals(e.get("target")));
        assertThat(entry).containsEntry("method", "POST").containsEntry("path", "/admin/v1/events")
                .containsEntry("status", 202);
        assertThat((String) entry.get("actor")).startsWith("token-");
    }

    @Test
    void aDeniedRequestIsAuditedWithoutWhatItPresented() {
        String presented = "guess-" + UUID.randomUUID();
        String path = "/admin/v1/webhooks/ep_denied" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + presented).delete(path).then().statusCode(401);
        given().delete(path).then().statusCode(401);

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> denied = entries(500).stream().filter(e -> path.equals(e.get("path"))).toList();
            assertThat(denied).hasSize(2).allSatisfy(e -> assertThat(e).containsEntry("actor", "anonymous")
                    .containsEntry("status", 401).containsEntry("method", "DELETE"));
        });
        assertThat(audit(500)).doesNotContain(presented);
    }

    @Test
    void aLineBreakInAPathCannotForgeASecondEntry() {
        String marker = "forged" + UUID.randomUUID().toString().substring(0, 8);
        given().urlEncodingEnabled(false).delete("/admin/v1/webhooks/" + marker + "%0Aadmin%20rotated%20DELETE")
                .then().statusCode(401);
        await().atMost(WAIT).untilAsserted(() -> assertThat(entries(500)).anySatisfy(e -> assertThat(
                (String) e.get("path")).isEqualTo("/admin/v1/webhooks/" + marker + "?admin rotated DELETE")));
    }

    @Test
    void theAuditIsAdminOnlyAndItsLimitIsChecked() {
        given().get("/admin/v1/audit").then().statusCode(401);
        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).get("/admin/v1/audit?limit=0").then()
                .statusCode(400).body("error", containsString("limit"));
        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).get("/admin/v1/audit?limit=1001").then()
                .statusCode(400);
        given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).get("/admin/v1/audit?limit=2").then()
                .statusCode(200).body("size()", org.hamcrest.Matchers.lessThanOrEqualTo(2));
    }

    private static Map<String, Object> awaitEntry(java.util.function.Predicate<Map<String, Object>> match) {
        return await().atMost(WAIT).until(() -> entries(500).stream().filter(match).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    private static List<Map<String, Object>> entries(int limit) {
        return given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).get("/admin/v1/audit?limit=" + limit)
                .then().statusCode(200).extract().jsonPath().getList("");
    }

    private static String audit(int limit) {
        return given().header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).get("/admin/v1/audit?limit=" + limit)
                .then().statusCode(200).extract().asString();
    }

    private static Handler capture(List<LogRecord> records) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private static String format(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        if (parameters != null && parameters.length > 0) {
            try {
                message = String.format(message, parameters);
            } catch (java.util.IllegalFormatException e) {
                message = java.text.MessageFormat.format(message, parameters);
            }
        }
        return message;
    }
}
