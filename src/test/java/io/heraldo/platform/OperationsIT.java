package io.heraldo.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.heraldo.HeraldoProcess;

/**
 * The packaged jar with the two operations switches an operator turns on at run time, with nothing rebuilt: JSON
 * console logs, and traces exported over OTLP (here to a local receiver speaking OTLP/HTTP).
 */
class OperationsIT {

    private static final String TOKEN = "it-operations-token";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void jsonLogsAndOtlpTracesAreSwitchedOnAtRunTime() throws Exception {
        List<String> exportedTraces = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            // OTLP/HTTP protobuf: span names are plain UTF-8 strings inside the message.
            exportedTraces.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        Path dataDir = Files.createTempDirectory(Path.of("target"), "operations-data-");
        Map<String, String> settings = Map.of(
                "heraldo.data-dir", dataDir.toString(),
                "heraldo.embedded.kafka-port", Integer.toString(HeraldoProcess.freePort()),
                "heraldo.admin.token", TOKEN,
                "quarkus.log.console.json.enabled", "true",
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "200ms");
        try (HeraldoProcess heraldo = HeraldoProcess.start("operations", settings).awaitReady()) {
            given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json")
                    .body("""
                            {"specversion": "1.0", "id": "ops-it-1", "source": "/it", "type": "notice.published",
                             "data": {"notice": {"id": "ntc-ops-it", "title": "Operations", "body": "Traced."}}}""")
                    .post("/admin/v1/events").then().statusCode(202);

            await().atMost(WAIT).until(() -> exportedTraces.stream().anyMatch(body -> body.contains("status-event apply")));

            await().atMost(WAIT).untilAsserted(() -> {
                List<JsonNode> lines = jsonLines(heraldo.output());
                assertThat(lines).anySatisfy(line -> assertThat(line.path("loggerName").asText()).startsWith("io.quarkus"));
                assertThat(lines).anySatisfy(line -> {
                    assertThat(line.path("loggerName").asText()).isEqualTo("heraldo.audit");
                    assertThat(line.path("message").asText()).contains("POST /admin/v1/events").contains("status=202");
                });
            });
            // Quarkus' own lines are JSON only: none is in the plain "date LEVEL [category]" format.
            assertThat(heraldo.output().lines().filter(line -> line.matches("^\\d{4}-\\d{2}-\\d{2} .*(INFO|WARN) +\\[.*")))
                    .isEmpty();
            assertThat(heraldo.output()).doesNotContain(TOKEN);
        } finally {
            collector.stop(0);
        }
    }

    private static List<JsonNode> jsonLines(String output) {
        ObjectMapper json = new ObjectMapper();
        return output.lines().filter(line -> line.startsWith("{")).map(line -> {
            try {
                return json.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).toList();
    }
}
