package io.heraldo.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Every {@code heraldo.*} setting of the contract (section 5) that the code reads. */
@ConfigMapping(prefix = "heraldo")
public interface HeraldoConfig {

    String DATA_DIR = "./heraldo-data";

    /** Base of every link sent out. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    @WithDefault("es")
    String defaultLocale();

    /** The languages of texts, pages and messages; each needs its message bundles (CONTRACT §5). */
    @WithDefault("es,en")
    List<String> languages();

    @WithDefault(DATA_DIR)
    String dataDir();

    Embedded embedded();

    Page page();

    Events events();

    Admin admin();

    Maintenance maintenance();

    Metrics metrics();
    Site site();

    /**
     * The embedded servers. On by default: {@code java -jar} needs nothing installed. The container image turns them
     * off with {@code HERALDO_EMBEDDED_KAFKA=false} and {@code HERALDO_EMBEDDED_POSTGRES=false}, and the test profile
     * in {@code application.properties}. {@link EmbeddedServicesConfigSource} reads these same defaults: it runs
     * while the configuration is being built, before this mapping exists.
     */
    interface Embedded {
        String ON = "true";
        String KAFKA_PORT = "9092";
        /** Any free port. */
        String POSTGRES_PORT = "0";

        @WithDefault(ON)
        boolean kafka();

        @WithDefault(ON)
        boolean postgres();

        @WithDefault(KAFKA_PORT)
        int kafkaPort();

        @WithDefault(POSTGRES_PORT)
        int postgresPort();
    }

    interface Page {
        @WithDefault("Status")
        String name();

        /** The Statuspage {@code page.id} of the public API. */
        @WithDefault("heraldo")
        String id();

        @WithDefault("America/Santiago")
        ZoneId timeZone();
    }

    interface Events {
        @WithDefault("status-events")
        String topic();

        @WithDefault("status-events.dlq")
        String deadLetterTopic();
    }

    interface Admin {
        /** No token here nor in {@link #tokens()}: the admin API is closed. */
        Optional<String> token();

        /**
         * More tokens accepted beside {@link #token()}, for rotation: each a clear token, {@code sha256:<hex>} or
         * {@code <name>:sha256:<hex>} (the SHA-256 of the token, so the token itself is not in the configuration).
         */
        Optional<List<String>> tokens();
    }

    interface Metrics {
        /** How often the gauges counted in the database are counted again; a scrape reads the last counts. */
        @WithDefault("15s")
        Duration refreshInterval();
    }

    interface Maintenance {
        @WithDefault("1h")
        Duration remindBefore();

        /** How often maintenance is checked for start and end times that passed without an event. */
        @WithName("clock-interval")
        @WithDefault("15s")
        Duration clockInterval();
    }

    interface Site {
        /** Where a static copy of the site is kept, rewritten on every change; off when unset. */
        Optional<Path> exportDir();

        /**
         * How often the static copy is compared with the page revision without a change signalled here: changes
         * applied by another replica, or a rewrite that failed and is tried again.
         */
        @WithDefault("10s")
        Duration exportCheckInterval();

        /**
         * How long a page revision read from the database is trusted: a change applied by another replica (or
         * written to the tables by hand) shows within this; one applied here shows on the next request. {@code 0}
         * reads the revision on every request.
         */
        @WithDefault("500ms")
        Duration revisionMaxAge();
    }
}
