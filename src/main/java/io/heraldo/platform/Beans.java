package io.heraldo.platform;

import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

import io.smallrye.common.annotation.Identifier;

/** Producers for the plain classes that hold the rules, so they stay free of CDI. */
@ApplicationScoped
public class Beans {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The database through Jdbi: named parameters, row mapping, and {@code inTransaction} as the one way to run a
     * transaction. Over the application's pooled datasource. An error names the driver's message only: Jdbi would add
     * the statement's arguments, and some are secrets (a webhook's secret, a signing key).
     */
    @Produces
    @Singleton
    Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }

    /** Every Kafka client Heraldo makes itself takes the {@code kafka.*} configuration the connector is given. */
    @Produces
    @Singleton
    KafkaClients kafkaClients(@Identifier("default-kafka-broker") Map<String, Object> connector) {
        return new KafkaClients(connector);
    }
}
