package io.heraldo.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.logging.Level;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.heraldo.platform.HeraldoConfig.Embedded;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Starts the embedded Kafka broker and PostgreSQL when {@code heraldo.embedded.*} asks for them, and hands their
 * addresses to the rest of the configuration before the Kafka connector and the datasource read it.
 * <p>
 * This has to happen while the configuration is being built: the messaging channels and the datasource are created
 * from it at start-up, before any bean could start a server. When a server is external, the property it needs is
 * checked here too, so a missing one stops Heraldo with one sentence instead of a stream of connection errors.
 * <p>
 * The servers are started once per JVM: dev-mode restarts rebuild the configuration and find them running.
 */
public class EmbeddedServicesConfigSource implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(EmbeddedServicesConfigSource.class);

    /**
     * Strong references: JUL forgets the level of a logger nobody holds. (JUL's {@code Logger} stays qualified: the
     * simple name is JBoss Logging's, Heraldo's logger.)
     */
    private static final List<java.util.logging.Logger> QUIETED = new ArrayList<>();

    private static final String RUNNING_KAFKA = "io.heraldo.embedded-kafka.bootstrap-servers";
    private static final String RUNNING_DB_URL = "io.heraldo.embedded-postgres.jdbc-url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!isRuntime(context)) {
            return Collections.emptyList();
        }
        Map<String, String> provided = new HashMap<>();
        quietServerLogs();
        Path dataDir = Path.of(value(context, "heraldo.data-dir", HeraldoConfig.DATA_DIR));

        if (Boolean.parseBoolean(value(context, "heraldo.embedded.kafka", Embedded.ON))) {
            provided.put("kafka.bootstrap.servers", embeddedKafka(dataDir,
                    Integer.parseInt(value(context, "heraldo.embedded.kafka-port", Embedded.KAFKA_PORT))));
        } else {
            require(context, "kafka.bootstrap.servers", "heraldo.embedded.kafka");
        }

        if (Boolean.parseBoolean(value(context, "heraldo.embedded.postgres", Embedded.ON))) {
            provided.put("quarkus.datasource.jdbc.url", embeddedPostgres(dataDir,
                    Integer.parseInt(value(context, "heraldo.embedded.postgres-port", Embedded.POSTGRES_PORT))));
            provided.put("quarkus.datasource.username", "postgres");
        } else {
            require(context, "quarkus.datasource.jdbc.url", "heraldo.embedded.postgres");
        }
        if (provided.isEmpty()) {
            return Collections.emptyList();
        }
        // Above application.properties and below environment variables and system properties.
        return List.of(new PropertiesConfigSource(provided, "heraldo-embedded-services", 275));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }

    private static synchronized String embeddedKafka(Path dataDir, int port) {
        String running = System.getProperty(RUNNING_KAFKA);
        if (running != null) {
            return running;
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), port, 6);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "heraldo-embedded-kafka-stop"));
        System.setProperty(RUNNING_KAFKA, kafka.bootstrapServers());
        return kafka.bootstrapServers();
    }

    private static synchronized String embeddedPostgres(Path dataDir, int port) {
        String running = System.getProperty(RUNNING_DB_URL);
        if (running != null) {
            return running;
        }
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir.resolve("postgres"), port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                db.close();
            } catch (Exception e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }, "heraldo-embedded-postgres-stop"));
        System.setProperty(RUNNING_DB_URL, db.jdbcUrl());
        return db.jdbcUrl();
    }

    /**
     * The servers start before Quarkus configures logging, and their INFO chatter would bury Heraldo's own start-up
     * lines; warnings still show.
     */
    private static void quietServerLogs() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    private static void require(ConfigSourceContext context, String property, String embeddedFlag) {
        // Tests hand the addresses of their servers over later, through their test resources.
        if (context.getProfiles().contains("test")) {
            return;
        }
        if (value(context, property, null) == null) {
            throw new IllegalStateException("Heraldo cannot start: set " + property + " (environment variable "
                    + envName(property) + ") to your server, or set " + embeddedFlag + "=true to use the embedded one.");
        }
    }

    static String envName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    private static String value(ConfigSourceContext context, String name, String defaultValue) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? defaultValue : value.getValue();
    }

    /**
     * The factory is also consulted while the application is built; servers belong to a run, never to a build. A
     * run (jar, dev mode or test) builds its runtime configuration through Quarkus' generated {@code Config} class.
     */
    private static boolean isRuntime(ConfigSourceContext context) {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().equals("io.quarkus.runtime.generated.Config")) {
                return true;
            }
        }
        return false;
    }
}
