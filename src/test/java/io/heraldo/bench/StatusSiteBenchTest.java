package io.heraldo.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heraldo.StatusTables;
import io.heraldo.site.SiteLoad;
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
        report.append("bytes of /: ").append(page.length).append(" (goal ≤ 102400), sent gzip ").append(gzipped(""))
                .append("; bytes of summary.json: ").append(summary.length).append('\n');
        for (String path : List.of("api/v2/summary.json", "", "gzip")) {
            // the last run: / as browsers ask for it, compressed (the server gzips every response)
            String out = path.equals("gzip") ? wrk(root.toString(), duration, connections, threads, "Accept-Encoding: gzip")
                    : wrk(root + path, duration, connections, threads);
            report.append("/").append(path.equals("gzip") ? " (Accept-Encoding: gzip)" : path).append(": ").append(value(out, "Requests/sec:\\s+([0-9.]+)"))
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

    /** The bytes the server sends for a path to a client that accepts gzip. */
    private int gzipped(String path) throws IOException, InterruptedException {
        java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + path)).header("Accept-Encoding", "gzip")
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        return response.body().length;
    }

    private static String wrk(String url, String duration, String connections, String threads, String... headers)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + duration, "--latency"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(wrk.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(wrk.exitValue()).as(out).isZero();
        return out;
    }

    /** Written straight to the tables: the load is on reading, not on ingest; the page weight test's shape. */
    private void seed() throws SQLException {
        SiteLoad.seed(dataSource, "bench", COMPONENTS, INCIDENTS, 5);
    }
}
