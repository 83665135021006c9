package io.heraldo.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server started from the zonky binaries, its cluster in a directory that survives restarts. A
 * server that a killed run left on the directory is stopped first ({@link StalePostmaster}), and a watch stops this
 * one if this JVM is killed ({@link PostmasterWatch}): the server never outlives its JVM by more than a moment.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    /**
     * The directories this JVM runs a server on. Another process is kept out by the directory's lock file; this JVM
     * must not even try that lock, since closing any channel on a file drops every lock the JVM holds on it.
     */
    private static final Set<Path> RUNNING = ConcurrentHashMap.newKeySet();

    private final EmbeddedPostgres postgres;
    private final PostmasterWatch watch;
    private final Path directory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, PostmasterWatch watch, Path directory) {
        this.postgres = postgres;
        this.watch = watch;
        this.directory = directory;
    }

    /** Starts PostgreSQL on the cluster in {@code dataDir}, creating the cluster the first time only. */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        return start(dataDir, port, Map.of());
    }

    /** The same, with server settings ({@code postgresql.conf} names) for this start, as benchmarks need. */
    public static EmbeddedDatabase start(Path dataDir, int port, Map<String, String> settings) {
        long started = System.currentTimeMillis();
        Path dir = dataDir.toAbsolutePath().normalize();
        Path key;
        try {
            Files.createDirectories(dir);
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the PostgreSQL data directory " + dir + ": " + e.getMessage(),
                    e);
        }
        if (!RUNNING.add(key)) {
            throw StalePostmaster.inUse(dir);
        }
        try {
            StalePostmaster.clear(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(port == 0 ? EmbeddedKafka.freePort() : port)
                    .start();
            PostmasterWatch watch = PostmasterPidFile.read(dir)
                    .map(file -> PostmasterWatch.start(dir.resolve(PostmasterPidFile.NAME), file.pid())).orElse(null);
            LOG.infof("Embedded PostgreSQL started in %d ms on port %d (data in %s)",
                    System.currentTimeMillis() - started, postgres.getPort(), dir);
            return new EmbeddedDatabase(postgres, watch, key);
        } catch (IOException | RuntimeException e) {
            RUNNING.remove(key);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage(),
                    (IOException) e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    /** The watch process, for tests that kill it to see a start stop a stale server on its own. */
    long watchPid() {
        return watch == null ? -1 : watch.pid();
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            if (watch != null) {
                watch.close();
            }
            RUNNING.remove(directory);
        }
    }
}
