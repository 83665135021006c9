package io.heraldo.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.heraldo.event.DeadLetters;
import io.heraldo.event.EventParser;
import io.heraldo.event.EventType;
import io.heraldo.event.InboundRecord;
import io.heraldo.event.InvalidEventException;
import io.heraldo.event.StatusEvent;
import io.heraldo.fanout.NotificationLog;
import io.heraldo.platform.Traces;
import io.heraldo.status.PageChanged;
import io.heraldo.status.StatusLedger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.Startup;

/**
 * Applies a batch of status-event records: each is parsed, the valid ones are applied in one transaction together
 * with the notifications they call for, and the ones that cannot be understood go to the dead-letter topic. It
 * returns only when every record of the batch is either committed or dead-lettered, so the caller may then commit
 * the offsets: a crash in between replays records whose ids are already applied, and those are ignored.
 */
// Created at start-up, so its counters are exported (as zeros) before the first event.
@Startup
@ApplicationScoped
public class EventIntake {

    private static final Logger LOG = Logger.getLogger(EventIntake.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private record Parsed(InboundRecord record, StatusEvent event) {
    }

    private record Rejection(InboundRecord record, String reason) {
    }

    private final EventParser parser;
    private final StatusLedger ledger;
    private final DataSource dataSource;
    private final DeadLetters deadLetters;
    private final Event<PageChanged> pageChanged;
    private final NotificationLog notifications;
    private final Traces traces;
    private final Counter duplicated;
    private final Map<EventType, Counter> appliedByType = new EnumMap<>(EventType.class);

    public EventIntake(EventParser parser, StatusLedger ledger, DataSource dataSource, DeadLetters deadLetters,
            Event<PageChanged> pageChanged, MeterRegistry registry, NotificationLog notifications, Traces traces) {
        this.parser = parser;
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.deadLetters = deadLetters;
        this.pageChanged = pageChanged;
        this.notifications = notifications;
        this.traces = traces;
        // Registered up front so dashboards and alerts see zeros, not missing series.
        this.duplicated = registry.counter("heraldo.events.duplicated");
        for (EventType type : EventType.values()) {
            appliedByType.put(type, registry.counter("heraldo.events.applied", "type", type.wire()));
        }
    }

    public void accept(List<InboundRecord> records) {
        List<Parsed> valid = new ArrayList<>(records.size());
        for (InboundRecord record : records) {
            try {
                valid.add(new Parsed(record, parser.fromKafka(record.headers(), record.value())));
            } catch (InvalidEventException e) {
                deadLetters.send(record, e.getMessage());
            }
        }
        if (valid.isEmpty()) {
            return;
        }
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                applyInOneTransaction(valid);
                return;
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    LOG.warnf("A batch of %d events failed (%s); applying them one by one", valid.size(), e.getMessage());
                    valid.forEach(this::applyAlone);
                    return;
                }
                backoff = waitBeforeRetry(e, backoff);
            }
        }
    }

    private void applyAlone(Parsed parsed) {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                applyInOneTransaction(List.of(parsed));
                return;
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    deadLetters.send(parsed.record(), "could not be stored: " + e.getMessage());
                    return;
                }
                backoff = waitBeforeRetry(e, backoff);
            }
        }
    }

    private void applyInOneTransaction(List<Parsed> batch) throws SQLException {
        List<Rejection> rejected = new ArrayList<>();
        List<StatusEvent> applied = new ArrayList<>();
        int duplicates = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Parsed parsed : batch) {
                    // The event's span is current while its notification is recorded: the fan-out continues it.
                    Span span = traces.startEvent(parsed.record().headers(), parsed.event().eventId(),
                            parsed.event().type().wire());
                    try (Scope scope = span.makeCurrent()) {
                        StatusLedger.Result result = ledger.apply(c, parsed.event());
                        span.setAttribute("heraldo.event.outcome", result.outcome().name().toLowerCase(Locale.ROOT));
                        if (result.outcome() == StatusLedger.Outcome.APPLIED) {
                            applied.add(parsed.event());
                            // Who hears about it is decided in the same transaction: a crash loses no notification.
                            notifications.record(c, result.change());
                        } else {
                            duplicates++;
                        }
                    } catch (InvalidEventException e) {
                        span.setAttribute("heraldo.event.outcome", "dead-lettered");
                        rejected.add(new Rejection(parsed.record(), e.getMessage()));
                    } finally {
                        span.end();
                    }
                }
                if (!applied.isEmpty()) {
                    ledger.touchPage(c);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        for (StatusEvent event : applied) {
            appliedByType.get(event.type()).increment();
        }
        if (duplicates > 0) {
            duplicated.increment(duplicates);
        }
        for (Rejection rejection : rejected) {
            deadLetters.send(rejection.record(), rejection.reason());
        }
        if (!applied.isEmpty()) {
            pageChanged.fire(new PageChanged(List.copyOf(applied)));
            notifications.committed();
        }
    }

    /**
     * Lost connections, deadlocks, serialization failures, exhausted resources and a concurrent insert of the same
     * event id pass with time; anything else is about the event itself.
     */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return true;
        }
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57")
                || state.startsWith("58") || state.equals("23505");
    }

    private static Duration waitBeforeRetry(SQLException e, Duration backoff) {
        LOG.warnf("Database unavailable (%s); retrying in %d ms", e.getMessage(), backoff.toMillis());
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", interrupted);
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }
}
