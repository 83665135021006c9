package io.heraldo.platform;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.event.EventParser;
import io.heraldo.status.StatusLedger;

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

    @Produces
    @ApplicationScoped
    StatusLedger statusLedger(ObjectMapper json) {
        return new StatusLedger(json);
    }
}
