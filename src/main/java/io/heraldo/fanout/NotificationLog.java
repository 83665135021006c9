package io.heraldo.fanout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.Channel;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.event.StatusEvent.ComponentEvent;
import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.event.StatusEvent.MaintenanceEvent;
import io.heraldo.event.StatusEvent.NoticeEvent;
import io.heraldo.event.StatusEvent;
import io.heraldo.platform.Traces;
import io.heraldo.status.StatusChange;

/**
 * Turns status changes into notifications and opens one plan per channel that will tell them, in the caller's
 * transaction; {@link FanoutPlanner} then works the plans. A notification is stored with everything a channel needs
 * to render it, so channels never read the status tables.
 */
@ApplicationScoped
public class NotificationLog {

    private final Instance<Channel> channels;
    private final ObjectMapper json;
    private final FanoutPlanner planner;
    private final Traces traces;

    public NotificationLog(@Any Instance<Channel> channels, ObjectMapper json, FanoutPlanner planner, Traces traces) {
        this.channels = channels;
        this.json = json;
        this.planner = planner;
        this.traces = traces;
    }

    /** Records the notification a change calls for, if any, with a plan for each channel that will tell it. */
    public Optional<Notification> record(Connection c, StatusChange change) throws SQLException {
        Optional<NotificationKind> kind = NotificationRules.kindOf(change);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        StatusEvent event = change.event();
        String threadId = kind.get().isIncident() || kind.get().isMaintenance()
                ? firstNotificationAbout(c, event.subject(), kind.get()).orElse(event.eventId())
                : event.eventId();
        Notification notification = build(change, kind.get(), event.eventId(), threadId);
        insert(c, notification);
        return Optional.of(notification);
    }

    /** Inserts a notification and its plans; used for reminders too, whose ids make a second insert a no-op. */
    public boolean insert(Connection c, Notification notification) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into notification (id, event_id, kind, subject_id, payload, trace_parent, thread_id)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""")) {
            ps.setString(1, notification.id());
            ps.setString(2, notification.eventId());
            ps.setString(3, notification.kind().name());
            ps.setString(4, notification.subjectId());
            ps.setString(5, toJson(notification));
            // The planner runs later, elsewhere: it continues the event's trace from here.
            ps.setString(6, traces.currentTraceParent());
            ps.setString(7, notification.threadId() == null ? notification.id() : notification.threadId());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into fanout_plan (notification_id, channel) values (?, ?) on conflict do nothing")) {
            for (Channel channel : channels) {
                if (notification.allows(channel.name()) && channel.wants(notification)) {
                    ps.setString(1, notification.id());
                    ps.setString(2, channel.name());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        return true;
    }

    /** After the transaction that recorded notifications committed: start planning now rather than at the next tick. */
    public void committed() {
        planner.wake();
    }

    private static Optional<String> firstNotificationAbout(Connection c, String subjectId, NotificationKind kind)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select id from notification where subject_id = ? and kind like ? order by created_at, id limit 1""")) {
            ps.setString(1, subjectId);
            ps.setString(2, kind.isIncident() ? "INCIDENT_%" : "MAINTENANCE_%");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static Notification build(StatusChange change, NotificationKind kind, String id, String threadId) {
        StatusEvent event = change.event();
        String body = null;
        String lang = null;
        String tweet = null;
        Set<String> notify = null;
        if (event instanceof IncidentEvent incident) {
            body = incident.update().body();
            lang = incident.update().lang();
            tweet = incident.update().tweet();
            notify = incident.notifyChannels();
        } else if (event instanceof MaintenanceEvent maintenance) {
            if (maintenance.update() != null) {
                body = maintenance.update().body();
                lang = maintenance.update().lang();
                tweet = maintenance.update().tweet();
            }
            notify = maintenance.notifyChannels();
        } else if (event instanceof NoticeEvent notice) {
            body = notice.body();
            lang = notice.lang();
            notify = notice.notifyChannels();
        } else if (event instanceof ComponentEvent component) {
            body = component.reason();
            notify = component.notifyChannels();
        }
        List<Notification.ComponentRef> components = change.components().stream()
                .map(s -> new Notification.ComponentRef(s.id(), s.name(), s.status(), s.oldStatus())).toList();
        return new Notification(id, event.eventId(), kind, event.subject(), change.title(), change.status(),
                change.previousStatus(), change.impact(), body, lang, tweet, components, event.time(), change.startedAt(),
                change.scheduledFor(), change.scheduledUntil(), change.revision(), threadId, notify);
    }

    private String toJson(Notification notification) {
        try {
            return json.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
