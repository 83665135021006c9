package io.heraldo.platform;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;

/** Producers for the plain classes that hold the rules, so they stay free of CDI. */
@ApplicationScoped
public class Beans {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Every Kafka client Heraldo makes itself takes the {@code kafka.*} configuration the connector is given. */
    @Produces
    @Singleton
    KafkaClients kafkaClients(@Identifier("default-kafka-broker") Map<String, Object> connector) {
        return new KafkaClients(connector);
    }
}
