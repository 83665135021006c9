package io.heraldo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.heraldo.platform.EmbeddedDatabase;
import io.heraldo.platform.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real servers every {@code @QuarkusTest} talks to: a KRaft broker and a PostgreSQL, started once for the whole
 * suite (one set of resources means one application start), in fresh directories under {@code target/}.
 */
public class HeraldoServers implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_TOKEN = "test-admin-token";

    private EmbeddedKafka kafka;
    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Path.of("target"), "heraldo-test-servers-");
            kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 3);
            database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username(),
                "heraldo.admin.token", ADMIN_TOKEN,
                "heraldo.maintenance.clock-interval", "1s");
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
            if (database != null) {
                database.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
