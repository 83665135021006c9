package io.heraldo.platform;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.event.EventParser;
import io.heraldo.status.StatusLedger;
import io.smallrye.common.annotation.Identifier;

/** Producers for the plain classes that hold the rules, so they stay free of CDI. */
@ApplicationScoped
public class Beans {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    EventParser eventParser(ObjectMapper json, HeraldoConfig config, Clock clock) {
        return new EventParser(json, config.defaultLocale(), clock);
    }

    /** Every Kafka client Heraldo makes itself takes the {@code kafka.*} configuration the connector is given. */
    @Produces
    @Singleton
    KafkaClients kafkaClients(@Identifier("default-kafka-broker") Map<String, Object> connector) {
        return new KafkaClients(connector);
    }

    @Produces
    @ApplicationScoped
    StatusLedger statusLedger(ObjectMapper json) {
        return new StatusLedger(json);
    }
}
