package io.heraldo.status;

import java.time.OffsetDateTime;
import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.TestDatabase;
import io.heraldo.event.ComponentStatus;
import io.heraldo.event.StatusEvent;
import io.heraldo.status.ReportRules.Entry;

/**
 * The ledger over the run's real PostgreSQL ({@link TestDatabase}), without Quarkus. The classes share the database,
 * so each test names its own subjects.
 */
final class LedgerDatabase implements BeforeAllCallback {

    private final StatusLedger ledger = new StatusLedger(new ObjectMapper());
    private Jdbi jdbi;

    @Override
    public void beforeAll(ExtensionContext context) {
        jdbi = TestDatabase.shared(context);
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Applies one event in a transaction of its own, as the intake does with a batch of one. */
    StatusLedger.Result apply(StatusEvent event) {
        return jdbi.inTransaction(h -> ledger.apply(h, event));
    }

    /** The change an event made; it must have been applied, not a repeat. */
    StatusChange applied(StatusEvent event) {
        StatusLedger.Result result = apply(event);
        if (result.outcome() != StatusLedger.Outcome.APPLIED) {
            throw new AssertionError("event " + event.eventId() + " was " + result.outcome());
        }
        return result.change();
    }

    StatusLedger ledger() {
        return ledger;
    }

    /** What the page shows for a component. */
    String shown(String componentId) {
        return jdbi.withHandle(h -> h.createQuery("select status from component where id = :id")
                .bind("id", componentId).mapTo(String.class).one());
    }

    /** A component's history of shown statuses, by time. */
    List<Entry> history(String componentId) {
        return jdbi.withHandle(h -> h.createQuery("""
                select changed_at, status from component_status_change where component_id = :id
                order by changed_at, id""")
                .bind("id", componentId)
                .map((rs, ctx) -> new Entry(rs.getObject("changed_at", OffsetDateTime.class).withOffsetSameInstant(
                        StatusEvents.UTC), ComponentStatus.of(rs.getString("status"))))
                .list());
    }

    /** How many rows of {@code table} have {@code column} equal to {@code value}. */
    int count(String table, String column, String value) {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from " + table + " where " + column + " = :value")
                .bind("value", value).mapTo(int.class).one());
    }
}
