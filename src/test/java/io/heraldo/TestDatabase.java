package io.heraldo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

import io.heraldo.platform.EmbeddedDatabase;

/**
 * A PostgreSQL of a test class's own, for direct tests of the classes that own SQL (no Quarkus): the embedded server
 * in a fresh directory under {@code target/}, migrated as the application migrates it, reached through Jdbi set up as
 * {@code platform.Beans} sets it up.
 */
public final class TestDatabase implements AutoCloseable {

    private final EmbeddedDatabase database;
    private final Jdbi jdbi;

    private TestDatabase(EmbeddedDatabase database) {
        this.database = database;
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), "")
                .locations("classpath:db/migration").load().migrate();
        this.jdbi = Jdbi.create(database.jdbcUrl(), database.username(), "");
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    public static TestDatabase start() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "heraldo-test-db-");
            EmbeddedDatabase database = EmbeddedDatabase.start(dir, 0);
            try {
                return new TestDatabase(database);
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
    }
}
