package io.heraldo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.HeraldoServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Subscriber import benchmark (docs/benchmarks.md): 100,000 CSV rows posted to {@code /admin/v1/subscribers/import},
 * generated while they are sent (the body is streamed both ways); then the time until the outbox relay has published
 * all of them to {@code heraldo-subscribers}, a second import of the same file (everything skipped) and an export.
 * <p>
 * {@code ./mvnw -B -Pbench test -Dtest=SubscriberImportBenchTest}
 */
@Tag("bench")
@QuarkusTest
class SubscriberImportBenchTest {

    /** {@code -Dbench.rows=} to try another size. */
    private static final int ROWS = Integer.getInteger("bench.rows", 100_000);

    @TestHTTPResource("/admin/v1/subscribers/import")
    URL importUrl;

    @TestHTTPResource("/admin/v1/subscribers/export")
    URL exportUrl;

    @Inject
    DataSource dataSource;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void importHundredThousandSubscribers() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        warmUp();

        long started = System.nanoTime();
        JsonNode report = importRows(tag, ROWS);
        double importSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(report.get("imported").asInt()).isEqualTo(ROWS);
        assertThat(report.get("invalid")).isEmpty();

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("select count(*) from subscriber_outbox where published_at is null") == 0);
        double publishedSeconds = (System.nanoTime() - started) / 1e9;

        long again = System.nanoTime();
        JsonNode second = importRows(tag, ROWS);
        double againSeconds = (System.nanoTime() - again) / 1e9;
        assertThat(second.get("skipped").asInt()).isEqualTo(ROWS);

        long exportStarted = System.nanoTime();
        HttpResponse<InputStream> export = http.send(HttpRequest.newBuilder(exportUrl.toURI())
                .header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long exportedBytes;
        try (InputStream body = export.body()) {
            exportedBytes = body.transferTo(OutputStream.nullOutputStream());
        }
        double exportSeconds = (System.nanoTime() - exportStarted) / 1e9;
        int total = count("select count(*) from subscriber");

        String figures = String.format(Locale.ROOT, """
                rows imported:                 %,d (streamed CSV, batches of 1,000 with their outbox rows)
                import request:                %.2f s (%,.0f rows/s)
                until all on the topic:        %.2f s from the start of the import
                same file again (all skipped): %.2f s
                export of %,d subscribers:  %.2f s (%,d bytes)
                """, ROWS, importSeconds, ROWS / importSeconds, publishedSeconds, againSeconds, total, exportSeconds,
                exportedBytes);
        System.out.println(figures);
        Path out = Path.of("target", "bench", "subscriber-import.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, figures);
        assertThat(importSeconds).as("100,000 rows take seconds, not minutes").isLessThan(60);
    }

    private void warmUp() throws Exception {
        importRows("warm-" + UUID.randomUUID().toString().substring(0, 8), 2_000);
    }

    private JsonNode importRows(String tag, int rows) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(importUrl.toString()))
                .header("Authorization", "Bearer " + HeraldoServers.ADMIN_TOKEN)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(tag, rows)))
                .timeout(Duration.ofMinutes(5))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The CSV, made row by row as it is read: neither side ever holds the file. */
    private static final class GeneratedCsv extends InputStream {
        private final String tag;
        private final int rows;
        private int next;
        private byte[] line = "email,locale,components\n".getBytes(StandardCharsets.UTF_8);
        private int pos;

        GeneratedCsv(String tag, int rows) {
            this.tag = tag;
            this.rows = rows;
        }

        @Override
        public int read() {
            if (pos == line.length) {
                if (next == rows) {
                    return -1;
                }
                int i = next++;
                line = ("bench" + i + "-" + tag + "@zbox.test," + (i % 3 == 0 ? "en" : "es") + ","
                        + (i % 4 == 0 ? "" : "ldap;mta") + "\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            return line[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            while (n < len) {
                int ch = read();
                if (ch < 0) {
                    return n == 0 ? -1 : n;
                }
                b[off + n++] = (byte) ch;
            }
            return n;
        }
    }

    private int count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
