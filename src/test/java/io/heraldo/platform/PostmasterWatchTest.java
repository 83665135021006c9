package io.heraldo.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The watch stops the server when the pipe from its JVM closes, as it does when the JVM dies however it dies: here a
 * server started without {@link EmbeddedDatabase} (no watch of its own) and a watch whose pipe the test closes.
 */
class PostmasterWatchTest {

    @Test
    void whenThePipeFromItsJvmClosesItStopsTheServerThePidFileStillNames() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "watch-").resolve("postgres");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .start()) {
            long postmaster = PostmasterPidFile.read(dir).orElseThrow().pid();
            PostmasterWatch watch = PostmasterWatch.start(dir.resolve(PostmasterPidFile.NAME), postmaster);

            watch.close();

            await().atMost(Duration.ofSeconds(30)).until(() -> !EmbeddedDatabaseTest.alive(postmaster));
            assertThat(dir.resolve(PostmasterPidFile.NAME)).as("a fast shutdown, clean").doesNotExist();
        }
    }

    @Test
    void aServerThePidFileNoLongerNamesIsLeftRunning() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "watch-").resolve("postgres");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .start()) {
            long postmaster = PostmasterPidFile.read(dir).orElseThrow().pid();
            // The pid file the watch reads names another server now (this one stopped, another started since).
            Path replaced = Files.writeString(dir.getParent().resolve("replaced.pid"), "2147483646\n" + dir + "\n");
            PostmasterWatch watch = PostmasterWatch.start(replaced, postmaster);

            watch.close();

            String url = postgres.getJdbcUrl("postgres", "postgres");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> {
                try (Connection c = DriverManager.getConnection(url)) {
                    return c.isValid(1);
                }
            });
            assertThat(EmbeddedDatabaseTest.alive(postmaster)).isTrue();
        }
    }
}
