package io.heraldo.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heraldo.StatusTables;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The public site under load (issue 5): 100 components and 1,000 past incidents, then {@code wrk} (Debian's
 * {@code wrk}) against {@code /api/v2/summary.json} and {@code /}, plus the byte size of {@code /}. Goals: API
 * ≥ 5,000 req/s and p99 ≤ 20 ms, the page close behind, {@code /} ≤ 100 kB. Measured, not asserted.
 * {@code -Dbench.duration=30s -Dbench.connections=32 -Dbench.threads=2}; report in {@code target/bench/status-site.txt}.
 */
@Tag("bench")
@QuarkusTest
class StatusSiteBenchTest {

    private static final int COMPONENTS = 100;
    private static final int INCIDENTS = 1_000;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL root;

    @Test
    void summaryAndPageUnderLoad() throws Exception {
        StatusTables.reset(dataSource);
        seed();
        String duration = System.getProperty("bench.duration", "30s");
        String connections = System.getProperty("bench.connections", "32");
        String threads = System.getProperty("bench.threads", "2");

        byte[] page = given().get("/").then().statusCode(200).extract().asByteArray();
        byte[] summary = given().get("/api/v2/summary.json").then().statusCode(200).extract().asByteArray();
        // warm-up: JIT, connection pool, the snapshot and uptime caches
        for (String path : List.of("api/v2/summary.json", "")) {
            wrk(root + path, "5s", connections, threads);
        }
        StringBuilder report = new StringBuilder();
        report.append("Status site under load: ").append(COMPONENTS).append(" components, ").append(INCIDENTS)
                .append(" past incidents; wrk -t").append(threads).append(" -c").append(connections).append(" -d")
                .append(duration).append(" --latency\n");
        report.append("bytes of /: ").append(page.length).append(" (goal ≤ 102400); bytes of summary.json: ")
                .append(summary.length).append('\n');
        for (String path : List.of("api/v2/summary.json", "")) {
            String out = wrk(root + path, duration, connections, threads);
            report.append("/").append(path).append(": ").append(value(out, "Requests/sec:\\s+([0-9.]+)"))
                    .append(" req/s, p50 ").append(value(out, "\\s50%\\s+(\\S+)")).append(", p99 ")
                    .append(value(out, "\\s99%\\s+(\\S+)")).append(", non-2xx ")
                    .append(value(out, "Non-2xx or 3xx responses:\\s+(\\d+)")).append('\n');
        }
        System.out.print(report);
        Path file = Path.of("target", "bench", "status-site.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.toString());
        Files.write(file.resolveSibling("status-site-home.html"), page);
        assertThat(report).contains("req/s");
    }

    private static String value(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "0";
    }

    private static String wrk(String url, String duration, String connections, String threads)
            throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + duration, "--latency", url)
                .redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(wrk.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(wrk.exitValue()).as(out).isZero();
        return out;
    }

    /** Written straight to the tables: the load is on reading, not on ingest. */
    private void seed() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<String> components = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into component (id, name, group_name, position, reported_status, status, created_at, updated_at)
                    values (?, ?, ?, ?, 'operational', 'operational', ?, ?)""")) {
                for (int i = 0; i < COMPONENTS; i++) {
                    String id = "bench-c" + i;
                    components.add(id);
                    ps.setString(1, id);
                    ps.setString(2, "Componente de prueba " + i);
                    ps.setString(3, "Grupo " + (i / 10));
                    ps.setInt(4, i);
                    ps.setObject(5, now.minusDays(400));
                    ps.setObject(6, now.minusDays(400));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement incident = c.prepareStatement("""
                    insert into incident (id, title, status, impact, created_at, updated_at, resolved_at)
                    values (?, ?, 'resolved', 'major', ?, ?, ?)""");
                    PreparedStatement update = c.prepareStatement("""
                            insert into incident_update (id, incident_id, status, body, lang, created_at)
                            values (?, ?, ?, ?, 'es', ?)""");
                    PreparedStatement touched = c.prepareStatement(
                            "insert into incident_component (incident_id, component_id, status) values (?, ?, 'partial_outage')");
                    PreparedStatement change = c.prepareStatement("""
                            insert into component_status_change (component_id, status, changed_at, event_id)
                            values (?, ?, ?, ?)""")) {
                for (int i = 0; i < INCIDENTS; i++) {
                    String id = "bench-i" + i;
                    OffsetDateTime start = now.minusMinutes(random.nextLong(60, 365L * 24 * 60));
                    OffsetDateTime end = start.plusMinutes(random.nextLong(5, 240));
                    String component = components.get(random.nextInt(COMPONENTS));
                    incident.setString(1, id);
                    incident.setString(2, "Interrupción de prueba número " + i);
                    incident.setObject(3, start);
                    incident.setObject(4, end);
                    incident.setObject(5, end);
                    incident.addBatch();
                    update.setString(1, id + "-1");
                    update.setString(2, id);
                    update.setString(3, "investigating");
                    update.setString(4, "Estamos investigando una interrupción parcial del servicio.");
                    update.setObject(5, start);
                    update.addBatch();
                    update.setString(1, id + "-2");
                    update.setString(2, id);
                    update.setString(3, "resolved");
                    update.setString(4, "El servicio funciona con normalidad.");
                    update.setObject(5, end);
                    update.addBatch();
                    touched.setString(1, id);
                    touched.setString(2, component);
                    touched.addBatch();
                    change.setString(1, component);
                    change.setString(2, "partial_outage");
                    change.setObject(3, start);
                    change.setString(4, id + "-1");
                    change.addBatch();
                    change.setString(1, component);
                    change.setString(2, "operational");
                    change.setObject(3, end);
                    change.setString(4, id + "-2");
                    change.addBatch();
                }
                incident.executeBatch();
                update.executeBatch();
                touched.executeBatch();
                change.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.execute("update page_state set revision = revision + 1, updated_at = now()");
            }
            c.commit();
        }
    }
}
