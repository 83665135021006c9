package io.heraldo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.heraldo.platform.StalePostmaster.Facts;
import io.heraldo.platform.StalePostmaster.Verdict;

/** Which process a data directory's {@code postmaster.pid} may have stopped: only a postgres serving that directory. */
class StalePostmasterTest {

    private static final Optional<String> POSTGRES = Optional.of("/tmp/embedded-pg/PG-1234/bin/postgres");

    @TempDir
    Path temp;

    @Test
    void aLivePostgresWorkingInOurDirectoryIsOursToStop() throws IOException {
        Path dir = temp.toRealPath();
        assertThat(StalePostmaster.judge(file(dir), dir, new Facts(true, POSTGRES, Optional.of(dir))))
                .isEqualTo(Verdict.OURS_RUNNING);
    }

    @Test
    void aProcessGoneMeansNothingRuns() throws IOException {
        Path dir = temp.toRealPath();
        assertThat(StalePostmaster.judge(file(dir), dir, new Facts(false, Optional.empty(), Optional.empty())))
                .isEqualTo(Verdict.NOTHING_RUNNING);
    }

    @Test
    void aPidGivenToAnotherProgramLeavesTheFileStale() throws IOException {
        Path dir = temp.toRealPath();
        assertThat(StalePostmaster.judge(file(dir), dir, new Facts(true, Optional.of("/usr/bin/sleep"),
                Optional.of(dir)))).isEqualTo(Verdict.FILE_OUTLIVED_ITS_SERVER);
    }

    @Test
    void aPostgresOfAnotherDirectoryIsNotOurs() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("ours")).toRealPath();
        Path other = Files.createDirectory(temp.resolve("other")).toRealPath();
        assertThat(StalePostmaster.judge(file(dir), dir, new Facts(true, POSTGRES, Optional.of(other))))
                .isEqualTo(Verdict.FILE_OUTLIVED_ITS_SERVER);
    }

    @Test
    void whatCannotBeInspectedIsLeftAlone() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("ours")).toRealPath();
        Path other = Files.createDirectory(temp.resolve("other")).toRealPath();
        // No working directory to compare (another system, another user's process), no command, another
        // directory's file.
        assertThat(StalePostmaster.judge(file(dir), dir, new Facts(true, POSTGRES, Optional.empty())))
                .isEqualTo(Verdict.CANNOT_TELL);
        assertThat(StalePostmaster.judge(file(dir), dir, new Facts(true, Optional.empty(), Optional.of(dir))))
                .isEqualTo(Verdict.CANNOT_TELL);
        assertThat(StalePostmaster.judge(file(other), dir, new Facts(true, POSTGRES, Optional.of(dir))))
                .isEqualTo(Verdict.CANNOT_TELL);
    }

    @Test
    void theFileNamesTheDirectoryWhateverThePathLooksLike() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("ours")).toRealPath();
        Path link = Files.createSymbolicLink(temp.resolve("link"), dir);
        assertThat(file(link).serves(dir)).isTrue();
        assertThat(file(Path.of(dir + "/../ours/.")).serves(dir)).isTrue();
        assertThat(file(temp.resolve("gone")).serves(dir)).isFalse();
    }

    @Test
    void aPostgresIsKnownByItsBinaryEvenDeletedSinceItStarted() {
        assertThat(StalePostmaster.isPostgres("/tmp/embedded-pg/PG-1/bin/postgres")).isTrue();
        assertThat(StalePostmaster.isPostgres("/tmp/embedded-pg/PG-1/bin/postgres (deleted)")).isTrue();
        assertThat(StalePostmaster.isPostgres("/opt/pg/bin/postgres.exe")).isTrue();
        assertThat(StalePostmaster.isPostgres("/usr/bin/postgres-exporter")).isFalse();
        assertThat(StalePostmaster.isPostgres("/usr/lib/jvm/bin/java")).isFalse();
    }

    @Test
    void thePidFileIsReadAsPostgreSqlWritesIt() {
        assertThat(PostmasterPidFile.parse(List.of("4242", "/var/lib/heraldo/postgres", "1767225600", "45011", "/tmp",
                "localhost", "  45011001     32768", "ready   "))).contains(
                        new PostmasterPidFile(4242, Path.of("/var/lib/heraldo/postgres")));
        assertThat(PostmasterPidFile.parse(List.of("4242"))).isEmpty();
        assertThat(PostmasterPidFile.parse(List.of("-1", "/data"))).isEmpty();
        assertThat(PostmasterPidFile.parse(List.of("not a pid", "/data"))).isEmpty();
        assertThat(PostmasterPidFile.parse(List.of())).isEmpty();
        assertThat(PostmasterPidFile.read(temp)).isEmpty();
    }

    private static PostmasterPidFile file(Path dataDirectory) {
        return new PostmasterPidFile(4242, dataDirectory);
    }
}
