package io.heraldo.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL on a data directory a previous run may have left in any state: a server still running on it,
 * a pid file naming some other process, another Heraldo using it. Real servers, real processes.
 */
class EmbeddedDatabaseTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aNormalCloseLeavesNothingRunning() throws Exception {
        Path dir = dataDir();
        EmbeddedDatabase database = EmbeddedDatabase.start(dir, 0);
        long postmaster = PostmasterPidFile.read(dir).orElseThrow().pid();
        long watch = database.watchPid();
        assertThat(alive(watch)).as("the watch runs beside the server").isTrue();

        database.close();

        awaitGone(postmaster);
        assertThat(alive(watch)).as("the watch ended with the server").isFalse();
        assertThat(dir.resolve(PostmasterPidFile.NAME)).doesNotExist();
    }

    @Test
    void aServerLeftRunningOnItsDirectoryIsStoppedAndItsClusterStartsAgain() throws Exception {
        Path dir = dataDir();
        EmbeddedDatabase abandoned = EmbeddedDatabase.start(dir, 0);
        execute(abandoned, "create table kept (id int)");
        execute(abandoned, "insert into kept values (42)");
        long postmaster = PostmasterPidFile.read(dir).orElseThrow().pid();

        // What the next start does once no running Heraldo holds the directory.
        StalePostmaster.clearUnlocked(dir.toRealPath());

        assertThat(alive(postmaster)).as("stopped, not just signalled").isFalse();
        assertThat(dir.resolve(PostmasterPidFile.NAME)).as("a clean shutdown removes its pid file").doesNotExist();
        abandoned.close();
        try (EmbeddedDatabase next = EmbeddedDatabase.start(dir, 0)) {
            assertThat(query(next, "select id from kept")).isEqualTo(42);
        }
    }

    @Test
    void aPidFileThatOutlivedItsServerIsRemovedAndTheProcessItNamesLeftAlone() throws Exception {
        Path dir = dataDir();
        EmbeddedDatabase.start(dir, 0).close();
        Path otherDir = dataDir();
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        try (EmbeddedDatabase other = EmbeddedDatabase.start(otherDir, 0)) {
            long otherPostmaster = PostmasterPidFile.read(otherDir).orElseThrow().pid();
            // After a reboot the pid in the file may belong to anything: another program, another PostgreSQL.
            for (long pid : new long[] { sleeper.pid(), otherPostmaster }) {
                Files.writeString(dir.resolve(PostmasterPidFile.NAME), pid + "\n" + dir.toRealPath() + "\n");
                try (EmbeddedDatabase database = EmbeddedDatabase.start(dir, 0)) {
                    assertThat(query(database, "select 1")).isEqualTo(1);
                }
            }
            assertThat(sleeper.isAlive()).isTrue();
            assertThat(query(other, "select 1")).isEqualTo(1);
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void aDirectoryAnotherServerHoldsIsRefusedAndThatServerKeepsRunning() throws Exception {
        Path dir = dataDir();
        try (EmbeddedDatabase running = EmbeddedDatabase.start(dir, 0)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir, 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is in use by another running process")
                    .hasMessageContaining("heraldo.data-dir");
            assertThat(query(running, "select 1")).isEqualTo(1);
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A server's last moments after its pid file is gone are its own: awaited, not slept through. */
    static void awaitGone(long pid) {
        await().atMost(WAIT).until(() -> !alive(pid));
    }

    private static Path dataDir() throws Exception {
        return Files.createTempDirectory(Path.of("target"), "embedded-db-").resolve("postgres");
    }

    static void execute(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static int query(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
