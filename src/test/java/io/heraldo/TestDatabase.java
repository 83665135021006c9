package io.heraldo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.heraldo.platform.EmbeddedDatabase;

/**
 * A real PostgreSQL with Heraldo's migrations, for direct tests of the classes that own SQL, without Quarkus: started
 * once per test run by the first class that asks, stopped when the run ends. Classes share it, so each test names its
 * own rows.
 */
public final class TestDatabase implements ExtensionContext.Store.CloseableResource {

    private final EmbeddedDatabase database;
    private final Jdbi jdbi;

    private TestDatabase(EmbeddedDatabase database) {
        this.database = database;
        this.jdbi = Jdbi.create(database.jdbcUrl());
    }

    /** The run's database, started and migrated on first use. */
    public static Jdbi jdbi(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TestDatabase.class.getName(), key -> start(), TestDatabase.class).jdbi;
    }

    private static TestDatabase start() {
        try {
            Path dir = Files.createTempDirectory(Path.of("target"), "direct-db-").resolve("postgres");
            EmbeddedDatabase database = EmbeddedDatabase.start(dir, 0);
            Flyway.configure().dataSource(database.jdbcUrl(), database.username(), null)
                    .locations("classpath:db/migration").load().migrate();
            return new TestDatabase(database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        database.close();
    }
}
