package io.heraldo.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

/**
 * A PostgreSQL left running on Heraldo's data directory by a run whose JVM died without stopping it (SIGKILL, the OOM
 * killer, a container killed with its JVM only): the next start finds it through the directory's
 * {@code postmaster.pid} and stops it, since a second server cannot start on that directory.
 * <p>
 * Only a server that is certainly Heraldo's own is stopped: no live process holds the directory's lock (zonky's
 * {@code epg-lock}, held by every running Heraldo), the pid file names this directory, and the process it names is
 * alive, is a {@code postgres} and works in this directory. A pid file that outlived its server (the system gave the
 * pid to another program since, after a reboot say) is removed; anything else is left for PostgreSQL to judge.
 */
final class StalePostmaster {

    private static final Logger LOG = Logger.getLogger(StalePostmaster.class);

    /** The lock file zonky's {@code EmbeddedPostgres} holds while it runs a server on the directory. */
    static final String LOCK_FILE = "epg-lock";
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(30);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(10);

    enum Verdict {
        /** No pid file, or the process it names is gone: PostgreSQL replaces a stale file itself. */
        NOTHING_RUNNING,
        /** A postgres serving this directory: stop it. */
        OURS_RUNNING,
        /** The pid names a process that is not a postgres of this directory: the file outlived its server. */
        FILE_OUTLIVED_ITS_SERVER,
        /** Not enough known to act (another directory's file, a process that cannot be inspected). */
        CANNOT_TELL
    }

    /** What can be known of the process a pid file names. */
    record Facts(boolean alive, Optional<String> command, Optional<Path> workingDirectory) {

        static Facts of(long pid) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            boolean alive = handle.map(ProcessHandle::isAlive).orElse(false);
            Optional<String> command = handle.flatMap(h -> h.info().command());
            Optional<Path> cwd;
            try {
                // Linux: the directory the process works in; PostgreSQL works in its data directory.
                cwd = Optional.of(Path.of("/proc", Long.toString(pid), "cwd").toRealPath());
            } catch (IOException | RuntimeException unknown) {
                cwd = Optional.empty();
            }
            return new Facts(alive, command, cwd);
        }
    }

    private StalePostmaster() {
    }

    /** The rule, on a real path {@code dataDir}. */
    static Verdict judge(PostmasterPidFile file, Path dataDir, Facts facts) {
        if (!file.serves(dataDir)) {
            return Verdict.CANNOT_TELL;
        }
        if (!facts.alive()) {
            return Verdict.NOTHING_RUNNING;
        }
        if (facts.command().isEmpty()) {
            return Verdict.CANNOT_TELL;
        }
        if (!isPostgres(facts.command().get())) {
            return Verdict.FILE_OUTLIVED_ITS_SERVER;
        }
        if (facts.workingDirectory().isEmpty()) {
            return Verdict.CANNOT_TELL;
        }
        return facts.workingDirectory().get().equals(dataDir) ? Verdict.OURS_RUNNING : Verdict.FILE_OUTLIVED_ITS_SERVER;
    }

    static boolean isPostgres(String command) {
        // Linux names a binary deleted since it started "…/postgres (deleted)".
        String path = command.endsWith(" (deleted)") ? command.substring(0, command.length() - 10) : command;
        String name = Path.of(path).getFileName().toString();
        return name.equals("postgres") || name.equals("postgres.exe");
    }

    /**
     * Makes {@code dataDir} ready for a new server: refuses it when a live process holds it, stops a server a dead
     * run left on it, removes a pid file that outlived its server.
     *
     * @throws IllegalStateException when another process holds the directory or the stale server does not stop
     */
    static void clear(Path dataDir) {
        Path dir = realPath(dataDir);
        if (!Files.exists(dir.resolve("PG_VERSION"))) {
            // No cluster yet, so no server: and initdb wants the directory empty, without even a lock file.
            return;
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(dir);
            }
            clearUnlocked(dir);
        } catch (OverlappingFileLockException heldHere) {
            throw inUse(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the PostgreSQL data directory " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    /** {@link #clear} without the lock: the caller knows no running Heraldo holds {@code dir}. */
    static void clearUnlocked(Path dir) {
        Optional<PostmasterPidFile> found = PostmasterPidFile.read(dir);
        if (found.isEmpty()) {
            return;
        }
        PostmasterPidFile file = found.get();
        switch (judge(file, dir, Facts.of(file.pid()))) {
            case OURS_RUNNING -> stop(file.pid(), dir);
            case FILE_OUTLIVED_ITS_SERVER -> {
                LOG.infof("Removing %s: process %d it names is not a PostgreSQL serving %s",
                        dir.resolve(PostmasterPidFile.NAME), file.pid(), dir);
                try {
                    Files.deleteIfExists(dir.resolve(PostmasterPidFile.NAME));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the stale " + dir.resolve(PostmasterPidFile.NAME), e);
                }
            }
            case CANNOT_TELL -> LOG.warnf("%s names process %d, which could not be checked; if PostgreSQL does not "
                    + "start, stop that process if it is a PostgreSQL on %s", dir.resolve(PostmasterPidFile.NAME),
                    file.pid(), dir);
            case NOTHING_RUNNING -> {
            }
        }
    }

    private static void stop(long pid, Path dir) {
        LOG.warnf("PostgreSQL %d was left running on %s by a run that ended without stopping it: stopping it",
                pid, dir);
        ProcessHandle server = ProcessHandle.of(pid).orElse(null);
        if (server == null) {
            return;
        }
        // SIGINT is PostgreSQL's fast shutdown: sessions end, a checkpoint is written. SIGQUIT if that hangs.
        if (signalled(server, "INT", FAST_SHUTDOWN) || signalled(server, "QUIT", IMMEDIATE_SHUTDOWN)) {
            LOG.infof("Stale PostgreSQL %d stopped", pid);
            return;
        }
        throw new IllegalStateException("cannot start the embedded PostgreSQL: the one a previous run left on " + dir
                + " (process " + pid + ") does not stop; stop it and start Heraldo again");
    }

    /** Sends the signal (through the shell's {@code kill}: Java sends none but TERM and KILL) and waits for the end. */
    private static boolean signalled(ProcessHandle server, String signal, Duration wait) {
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " \"$1\"", "heraldo-stop",
                    Long.toString(server.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
            server.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !server.isAlive();
        } catch (IOException | ExecutionException e) {
            LOG.warnf("Could not signal PostgreSQL %d: %s", server.pid(), e.getMessage());
            return !server.isAlive();
        }
    }

    static IllegalStateException inUse(Path dir) {
        return new IllegalStateException("cannot start the embedded PostgreSQL: " + dir + " is in use by another "
                + "running process (it holds " + dir.resolve(LOCK_FILE) + "); is another Heraldo running on the same "
                + "heraldo.data-dir?");
    }

    private static Path realPath(Path dataDir) {
        try {
            return dataDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL data directory " + dataDir, e);
        }
    }
}
