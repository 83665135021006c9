package io.heraldo.fanout;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.LocalizedText;
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
    private static final TypeReference<LinkedHashMap<String, String>> TEXTS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final NotificationLog notifications;
    private final HeraldoConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public MaintenanceReminders(Jdbi jdbi, NotificationLog notifications, HeraldoConfig config,
            ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.notifications = notifications;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(every = "${heraldo.maintenance.clock-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        try {
            if (remindDue(OffsetDateTime.now(clock)) > 0) {
                notifications.committed();
            }
        } catch (RuntimeException e) {
            LOG.warnf("Maintenance reminders could not run: %s", e.getMessage());
        }
    }

    int remindDue(OffsetDateTime now) {
        double before = config.maintenance().remindBefore().toMillis() / 1000.0;
        return jdbi.inTransaction(handle -> {
            record Announced(String maintenanceId, String title, String titles, OffsetDateTime scheduledFor,
                    OffsetDateTime scheduledUntil, int revision, String firstId, String firstPayload) {
            }
            List<Announced> announced = handle.createQuery("""
                    select m.id, m.title, m.titles, m.scheduled_for, m.scheduled_until, m.revision, first.id as first_id,
                           first.payload as first_payload
                    from maintenance m
                    join lateral (select id, payload from notification n
                                  where n.subject_id = m.id and n.kind like 'MAINTENANCE_%'
                                  order by n.created_at, n.id limit 1) first on true
                    where m.status = 'scheduled' and m.scheduled_for > :now
                      and m.scheduled_for - make_interval(secs => :before) <= :now
                      and m.created_at <= m.scheduled_for - make_interval(secs => :before)""")
                    .bind("now", now)
                    .bind("before", before)
                    .map((rs, ctx) -> new Announced(rs.getString("id"), rs.getString("title"), rs.getString("titles"),
                            rs.getObject("scheduled_for", OffsetDateTime.class),
                            rs.getObject("scheduled_until", OffsetDateTime.class), rs.getInt("revision"),
                            rs.getString("first_id"), rs.getString("first_payload")))
                    .list();
            int reminded = 0;
            for (Announced a : announced) {
                String id = "reminder:" + a.maintenanceId() + ":" + a.scheduledFor().toEpochSecond();
                Notification reminder = new Notification(id, id, NotificationKind.MAINTENANCE_REMINDER,
                        a.maintenanceId(), a.title(), "scheduled", "scheduled", null, null, null, null,
                        components(handle, a.maintenanceId()), now, null, a.scheduledFor(), a.scheduledUntil(),
                        a.revision(), a.firstId(), channelsOf(a.firstPayload()), titlesOf(a.titles()), null);
                if (notifications.insert(handle, reminder)) {
                    reminded++;
                }
            }
            return reminded;
        });
    }

    /** The maintenance's title in every language given, {@code null} when it has one (or was stored before). */
    private LocalizedText titlesOf(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            LocalizedText titles = LocalizedText.stored(json.readValue(stored, TEXTS));
            return titles.all().size() > 1 ? titles : null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored maintenance titles are not JSON", e);
        }
    }

    /** The channels the announcement's event allowed: the reminder goes where the announcement went. */
    private Set<String> channelsOf(String payload) {
        try {
            return json.readValue(payload, Notification.class).channels();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification is not JSON", e);
        }
    }

    private static List<Notification.ComponentRef> components(Handle handle, String maintenanceId) {
        return handle.createQuery("""
                select component.id, component.name, component.status from maintenance_component
                join component on component.id = maintenance_component.component_id
                where maintenance_component.maintenance_id = :maintenance order by component.position""")
                .bind("maintenance", maintenanceId)
                .map((rs, ctx) -> new Notification.ComponentRef(rs.getString("id"), rs.getString("name"),
                        rs.getString("status"), null))
                .list();
    }
}
