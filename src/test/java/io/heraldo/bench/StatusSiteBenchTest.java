package io.heraldo.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heraldo.StatusTables;
import io.heraldo.site.SiteLoad;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The public site when everyone reloads it during an outage (issue 12): 100 components and 300 incidents opened and
 * resolved today, then {@code wrk} (Debian's {@code wrk}) against the process's cheapest endpoint (its liveness
 * check), {@code /api/v2/summary.json}, {@code /} and {@code /} with {@code Accept-Encoding: gzip}, one after the
 * other in the same run. Goal: each at ≥ 0.8 of the liveness check's rate, p99 ≤ 10 ms. Measured, not asserted.
 * {@code -Dbench.duration=10s -Dbench.connections=32 -Dbench.threads=2 -Dbench.rounds=1}
 * ({@code -Dbench.liveness=} another URL of the liveness check; {@code -Dbench.targets=1,2} only the first two,
 * e.g. to profile one); report in {@code target/bench/status-site.txt}.
 */
@Tag("bench")
@QuarkusTest
class StatusSiteBenchTest {

    private static final int COMPONENTS = 100;
    private static final int INCIDENTS = 300;
    private static final double GOAL_RATIO = 0.8;
    private static final double GOAL_P99_MS = 10;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "heraldo.page.time-zone")
    ZoneId zone;

    @TestHTTPResource("/")
    URL root;

    private record Target(String name, String url, String... headers) {
    }

    private record Result(double rate, double p50, double p99, String non2xx) {
    }

    @Test
    void summaryAndPageUnderLoadAgainstLiveness() throws Exception {
        StatusTables.reset(dataSource);
        SiteLoad.seedToday(dataSource, "bench", COMPONENTS, INCIDENTS, 5, zone);
        // the change shows within the revision check's bound
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/").asString()
                .contains("Interrupción de prueba número " + (INCIDENTS - 1)));
        String duration = System.getProperty("bench.duration", "10s");
        String connections = System.getProperty("bench.connections", "32");
        String threads = System.getProperty("bench.threads", "2");
        int rounds = Integer.getInteger("bench.rounds", 1);
        String liveness = System.getProperty("bench.liveness", root + "q/health/live");
        List<Target> all = List.of(new Target("liveness " + URI.create(liveness).getPath(), liveness),
                new Target("/api/v2/summary.json", root + "api/v2/summary.json"), new Target("/", root.toString()),
                new Target("/ (Accept-Encoding: gzip)", root.toString(), "Accept-Encoding: gzip"));
        List<Target> targets = new ArrayList<>();
        for (String n : System.getProperty("bench.targets", "1,2,3,4").split(",")) {
            targets.add(all.get(Integer.parseInt(n.strip()) - 1));
        }

        byte[] page = given().get("/").then().statusCode(200).extract().asByteArray();
        byte[] summary = given().get("/api/v2/summary.json").then().statusCode(200).extract().asByteArray();
        for (Target target : targets) { // warm-up: JIT, connection pool, caches
            wrk(target, "5s", connections, threads);
        }
        StringBuilder report = new StringBuilder();
        report.append("Status site under load: ").append(COMPONENTS).append(" components, ").append(INCIDENTS)
                .append(" incidents opened and resolved today; wrk -t").append(threads).append(" -c")
                .append(connections).append(" -d").append(duration).append(" --latency; goal ≥ ").append(GOAL_RATIO)
                .append(" of liveness, p99 ≤ ").append(GOAL_P99_MS).append(" ms\n");
        report.append("bytes of /: ").append(page.length).append(", sent gzip ").append(gzipped(""))
                .append("; bytes of summary.json: ").append(summary.length).append(", sent gzip ")
                .append(gzipped("api/v2/summary.json")).append('\n');
        for (int round = 1; round <= rounds; round++) {
            double livenessRate = 0;
            for (Target target : targets) {
                Result result = wrk(target, duration, connections, threads);
                if (livenessRate == 0) {
                    livenessRate = result.rate();
                }
                double ratio = result.rate() / livenessRate;
                boolean met = ratio >= GOAL_RATIO && result.p99() <= GOAL_P99_MS;
                report.append(String.format(Locale.ROOT,
                        "round %d  %-28s %9.0f req/s  ratio %.2f  p50 %6.2f ms  p99 %6.2f ms  non-2xx %s%s%n", round,
                        target.name(), result.rate(), ratio, result.p50(), result.p99(), result.non2xx(),
                        target.name().startsWith("liveness") ? "" : met ? "  goal met" : "  goal not met"));
            }
        }
        System.out.print(report);
        Path file = Path.of("target", "bench", "status-site.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.toString());
        Files.write(file.resolveSibling("status-site-home.html"), page);
        assertThat(report).contains("req/s");
    }

    /** The bytes the server sends for a path to a client that accepts gzip. */
    private int gzipped(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root + path))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        return response.body().length;
    }

    private static Result wrk(Target target, String duration, String connections, String threads)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + duration,
                "--latency"));
        for (String header : target.headers()) {
            command.add("-H");
            command.add(header);
        }
        command.add(target.url());
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(wrk.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(wrk.exitValue()).as(out).isZero();
        return new Result(Double.parseDouble(value(out, "Requests/sec:\\s+([0-9.]+)")),
                millis(value(out, "\\s50%\\s+(\\S+)")), millis(value(out, "\\s99%\\s+(\\S+)")),
                value(out, "Non-2xx or 3xx responses:\\s+(\\d+)"));
    }

    private static String value(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "0";
    }

    /** wrk's latency ({@code 812.00us}, {@code 3.41ms}, {@code 1.20s}) in milliseconds. */
    static double millis(String latency) {
        Matcher m = Pattern.compile("([0-9.]+)(us|ms|s|m)").matcher(latency);
        if (!m.matches()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }
}
