package io.heraldo.status;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

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

    private final DataSource dataSource;
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final Clock clock;

    public MaintenanceClock(DataSource dataSource, EventPublisher publisher, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${heraldo.maintenance.clock-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            for (Due due : due(OffsetDateTime.now(clock))) {
                publisher.publish(envelope(due));
            }
        } catch (SQLException | RuntimeException e) {
            // The next tick tries again; nothing is lost by waiting.
            LOG.warnf("Maintenance clock could not run: %s", e.getMessage());
        }
    }

    /** Transitions due at {@code now}, in the order they must be applied. */
    List<Due> due(OffsetDateTime now) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select id, status, scheduled_for, scheduled_until from maintenance
                        where (status = 'scheduled' and scheduled_for <= ?)
                           or (status in ('in_progress', 'verifying') and scheduled_until <= ?)
                        order by scheduled_for""")) {
            ps.setObject(1, now);
            ps.setObject(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    MaintenanceStatus status = MaintenanceStatus.of(rs.getString(2));
                    OffsetDateTime from = rs.getObject(3, OffsetDateTime.class);
                    OffsetDateTime until = rs.getObject(4, OffsetDateTime.class);
                    if (status == MaintenanceStatus.SCHEDULED) {
                        due.add(new Due(id, "maintenance.started", from));
                    }
                    if (!until.isAfter(now)) {
                        due.add(new Due(id, "maintenance.completed", until));
                    }
                }
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
