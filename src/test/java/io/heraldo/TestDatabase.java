package io.heraldo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.heraldo.platform.EmbeddedDatabase;

/**
 * A PostgreSQL of a test class's own, for direct tests of the classes that own SQL (no Quarkus): the embedded server
 * in a fresh directory under {@code target/} (removed on close), migrated as the application migrates it, reached
 * through Jdbi set up as {@code platform.Beans} sets it up.
 */
public final class TestDatabase implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final EmbeddedDatabase database;
    private final Path dir;
    private final Jdbi jdbi;

    private TestDatabase(EmbeddedDatabase database, Path dir) {
        this.database = database;
        this.dir = dir;
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), "")
                .locations("classpath:db/migration").load().migrate();
        this.jdbi = Jdbi.create(database.jdbcUrl(), database.username(), "");
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /**
     * The run's shared database, started on first use and closed when the run ends: for direct tests whose classes
     * can share one (each test names its own rows), saving a server start per class.
     */
    public static Jdbi shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestDatabase.class.getName(), key -> start(), TestDatabase.class).jdbi();
    }

    public static TestDatabase start() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "heraldo-test-db-");
            EmbeddedDatabase database = EmbeddedDatabase.start(dir, 0);
            try {
                return new TestDatabase(database, dir);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() throws IOException {
        database.close();
        // Each test class makes a cluster of its own: tens of megabytes that no later run reads.
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
