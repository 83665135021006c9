package io.heraldo.event;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.platform.HeraldoConfig;

/** The parser as a bean; the class itself stays free of CDI, for plain unit tests. */
@ApplicationScoped
public class EventBeans {

    @Produces
    @ApplicationScoped
    EventParser eventParser(ObjectMapper json, HeraldoConfig config, Clock clock) {
        return new EventParser(json, config.languages(), config.defaultLocale(), clock);
    }
}
