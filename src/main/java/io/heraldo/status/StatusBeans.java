package io.heraldo.status;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The ledger as a bean; the class itself takes a Jdbi handle and stays free of CDI, for tests without Quarkus. */
@ApplicationScoped
public class StatusBeans {

    @Produces
    @ApplicationScoped
    StatusLedger statusLedger(ObjectMapper json) {
        return new StatusLedger(json);
    }
}
