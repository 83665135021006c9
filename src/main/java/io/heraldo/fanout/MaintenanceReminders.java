package io.heraldo.fanout;

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

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.platform.HeraldoConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Reminds subscribers of a maintenance {@code heraldo.maintenance.remind-before} ahead of its start, once: the
 * reminder's id is made of the maintenance and its start, so every replica may try and one notification results;
 * a maintenance moved to a new start gets a new reminder. Only maintenance whose scheduling was announced (on the
 * channels it was announced on) and that was scheduled before the reminder time is reminded.
 */
@ApplicationScoped
public class MaintenanceReminders {

    private static final Logger LOG = Logger.getLogger(MaintenanceReminders.class);

    private final DataSource dataSource;
    private final NotificationLog notifications;
    private final HeraldoConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public MaintenanceReminders(DataSource dataSource, NotificationLog notifications, HeraldoConfig config,
            ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.notifications = notifications;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${heraldo.maintenance.clock-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            if (remindDue(OffsetDateTime.now(clock)) > 0) {
                notifications.committed();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Maintenance reminders could not run: %s", e.getMessage());
        }
    }

    int remindDue(OffsetDateTime now) throws SQLException {
        double before = config.maintenance().remindBefore().toMillis() / 1000.0;
        int reminded = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Notification> due = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("""
                        select m.id, m.title, m.scheduled_for, m.scheduled_until, m.revision, first.id, first.payload
                        from maintenance m
                        join lateral (select id, payload from notification n
                                      where n.subject_id = m.id and n.kind like 'MAINTENANCE_%'
                                      order by n.created_at, n.id limit 1) first on true
                        where m.status = 'scheduled' and m.scheduled_for > ?
                          and m.scheduled_for - make_interval(secs => ?) <= ?
                          and m.created_at <= m.scheduled_for - make_interval(secs => ?)""")) {
                    ps.setObject(1, now);
                    ps.setDouble(2, before);
                    ps.setObject(3, now);
                    ps.setDouble(4, before);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String maintenanceId = rs.getString(1);
                            OffsetDateTime scheduledFor = rs.getObject(3, OffsetDateTime.class);
                            Notification announced = json.readValue(rs.getString(7), Notification.class);
                            String id = "reminder:" + maintenanceId + ":" + scheduledFor.toEpochSecond();
                            due.add(new Notification(id, id, NotificationKind.MAINTENANCE_REMINDER, maintenanceId,
                                    rs.getString(2), "scheduled", "scheduled", null, null, null, null,
                                    components(c, maintenanceId), now, null, scheduledFor,
                                    rs.getObject(4, OffsetDateTime.class), rs.getInt(5), rs.getString(6),
                                    announced.channels()));
                        }
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("stored notification is not JSON", e);
                    }
                }
                for (Notification reminder : due) {
                    if (notifications.insert(c, reminder)) {
                        reminded++;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return reminded;
    }

    private static List<Notification.ComponentRef> components(Connection c, String maintenanceId) throws SQLException {
        List<Notification.ComponentRef> components = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select component.id, component.name, component.status from maintenance_component
                join component on component.id = maintenance_component.component_id
                where maintenance_component.maintenance_id = ? order by component.position""")) {
            ps.setString(1, maintenanceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    components.add(new Notification.ComponentRef(rs.getString(1), rs.getString(2), rs.getString(3), null));
                }
            }
        }
        return components;
    }
}
