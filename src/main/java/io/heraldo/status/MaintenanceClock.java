package io.heraldo.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.event.EventPublisher;
import io.heraldo.event.MaintenanceStatus;
import io.quarkus.scheduler.Scheduled;

/**
 * Starts and completes maintenance at {@code scheduledFor} / {@code scheduledUntil} when no event did it first.
 * <p>
 * It does so by publishing {@code maintenance.started} / {@code maintenance.completed} to status-events, keyed by the
 * maintenance, so the transition takes the same ordered, idempotent path as an operator's event. Its event ids are
 * derived from the maintenance and the time it acts on: every replica's clock may publish the same transition, and
 * it is applied once; a late one after an operator's event changes nothing ({@link MaintenanceRules}).
 */
@ApplicationScoped
public class MaintenanceClock {

    private static final Logger LOG = Logger.getLogger(MaintenanceClock.class);
    static final String SOURCE = "/heraldo/maintenance-clock";

    /** One transition that is due. */
    public record Due(String maintenanceId, String type, OffsetDateTime at) {

        public String eventId() {
            return "heraldo-clock:" + maintenanceId + ":" + type.substring(type.indexOf('.') + 1) + ":" + at.toEpochSecond();
        }
    }

    /** A maintenance whose start or end has passed without an event moving it. */
    private record Pending(String id, MaintenanceStatus status, OffsetDateTime scheduledFor,
            OffsetDateTime scheduledUntil) {
    }

    private final Jdbi jdbi;
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final Clock clock;

    public MaintenanceClock(Jdbi jdbi, EventPublisher publisher, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${heraldo.maintenance.clock-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        try {
            for (Due due : due(OffsetDateTime.now(clock))) {
                publisher.publish(envelope(due));
            }
        } catch (RuntimeException e) {
            // The next tick tries again; nothing is lost by waiting.
            LOG.warnf("Maintenance clock could not run: %s", e.getMessage());
        }
    }

    /** Transitions due at {@code now}, in the order they must be applied. */
    List<Due> due(OffsetDateTime now) {
        List<Pending> pending = jdbi.withHandle(h -> h.createQuery("""
                select id, status, scheduled_for, scheduled_until from maintenance
                where (status = 'scheduled' and scheduled_for <= :now)
                   or (status in ('in_progress', 'verifying') and scheduled_until <= :now)
                order by scheduled_for""")
                .bind("now", now)
                .map((rs, ctx) -> new Pending(rs.getString("id"), MaintenanceStatus.of(rs.getString("status")),
                        rs.getObject("scheduled_for", OffsetDateTime.class),
                        rs.getObject("scheduled_until", OffsetDateTime.class)))
                .list());
        List<Due> due = new ArrayList<>();
        for (Pending maintenance : pending) {
            if (maintenance.status() == MaintenanceStatus.SCHEDULED) {
                due.add(new Due(maintenance.id(), "maintenance.started", maintenance.scheduledFor()));
            }
            if (!maintenance.scheduledUntil().isAfter(now)) {
                due.add(new Due(maintenance.id(), "maintenance.completed", maintenance.scheduledUntil()));
            }
        }
        return due;
    }

    private byte[] envelope(Due due) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", due.eventId());
        event.put("source", SOURCE);
        event.put("type", due.type());
        event.put("subject", due.maintenanceId());
        event.put("time", due.at().toString());
        event.put("datacontenttype", "application/json");
        event.putObject("data").putObject("maintenance").put("id", due.maintenanceId());
        try {
            return json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
