package io.heraldo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The defaults of {@code heraldo.*} are the mapping's own, with nothing else set (no application.properties). */
class HeraldoConfigTest {

    @Test
    void theEmbeddedServersAreOnByDefaultAsTheStandaloneRunNeedsThem() {
        HeraldoConfig.Embedded embedded = config(Map.of()).embedded();
        assertThat(embedded.kafka()).isTrue();
        assertThat(embedded.postgres()).isTrue();
        assertThat(embedded.kafkaPort()).isEqualTo(9092);
        assertThat(embedded.postgresPort()).isZero();
        assertThat(config(Map.of()).dataDir()).isEqualTo("./heraldo-data");
    }

    @Test
    void theContainerImageTurnsThemOff() {
        HeraldoConfig.Embedded embedded = config(Map.of("heraldo.embedded.kafka", "false",
                "heraldo.embedded.postgres", "false")).embedded();
        assertThat(embedded.kafka()).isFalse();
        assertThat(embedded.postgres()).isFalse();
    }

    private static HeraldoConfig config(Map<String, String> properties) {
        // Durations as Quarkus writes them ("15s").
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(HeraldoConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 300)).build();
        return config.getConfigMapping(HeraldoConfig.class);
    }
}
