package io.heraldo.fanout;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

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
import io.heraldo.platform.LocalizedText;
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
    public Optional<Notification> record(Handle handle, StatusChange change) {
        Optional<NotificationKind> kind = NotificationRules.kindOf(change);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        StatusEvent event = change.event();
        String threadId = kind.get().isIncident() || kind.get().isMaintenance()
                ? firstNotificationAbout(handle, event.subject(), kind.get()).orElse(event.eventId())
                : event.eventId();
        Notification notification = build(change, kind.get(), event.eventId(), threadId);
        insert(handle, notification);
        return Optional.of(notification);
    }

    /** Inserts a notification and its plans; used for reminders too, whose ids make a second insert a no-op. */
    public boolean insert(Handle handle, Notification notification) {
        int inserted = handle.createUpdate("""
                insert into notification (id, event_id, kind, subject_id, payload, trace_parent, thread_id)
                values (:id, :event, :kind, :subject, :payload, :traceParent, :thread) on conflict (id) do nothing""")
                .bind("id", notification.id())
                .bind("event", notification.eventId())
                .bind("kind", notification.kind().name())
                .bind("subject", notification.subjectId())
                .bind("payload", toJson(notification))
                // The planner runs later, elsewhere: it continues the event's trace from here.
                .bind("traceParent", traces.currentTraceParent())
                .bind("thread", notification.threadId() == null ? notification.id() : notification.threadId())
                .execute();
        if (inserted == 0) {
            return false;
        }
        PreparedBatch plans = handle.prepareBatch(
                "insert into fanout_plan (notification_id, channel) values (:notification, :channel) on conflict do nothing");
        for (Channel channel : channels) {
            if (notification.allows(channel.name()) && channel.wants(notification)) {
                plans.bind("notification", notification.id()).bind("channel", channel.name()).add();
            }
        }
        if (plans.size() > 0) {
            plans.execute();
        }
        return true;
    }

    /** After the transaction that recorded notifications committed: start planning now rather than at the next tick. */
    public void committed() {
        planner.wake();
    }

    private static Optional<String> firstNotificationAbout(Handle handle, String subjectId, NotificationKind kind) {
        return handle.createQuery("""
                select id from notification where subject_id = :subject and kind like :kinds order by created_at, id limit 1""")
                .bind("subject", subjectId)
                .bind("kinds", kind.isIncident() ? "INCIDENT_%" : "MAINTENANCE_%")
                .mapTo(String.class).findOne();
    }

    static Notification build(StatusChange change, NotificationKind kind, String id, String threadId) {
        StatusEvent event = change.event();
        LocalizedText body = null;
        String reason = null;
        String tweet = null;
        Set<String> notify = null;
        if (event instanceof IncidentEvent incident) {
            body = incident.update().body();
            tweet = incident.update().tweet();
            notify = incident.notifyChannels();
        } else if (event instanceof MaintenanceEvent maintenance) {
            if (maintenance.update() != null) {
                body = maintenance.update().body();
                tweet = maintenance.update().tweet();
            }
            notify = maintenance.notifyChannels();
        } else if (event instanceof NoticeEvent notice) {
            body = notice.body();
            notify = notice.notifyChannels();
        } else if (event instanceof ComponentEvent component) {
            reason = component.reason();
            notify = component.notifyChannels();
        }
        List<Notification.ComponentRef> components = change.components().stream()
                .map(s -> new Notification.ComponentRef(s.id(), s.name(), s.status(), s.oldStatus())).toList();
        // a text in one language travels as before; one in several carries them all (Notification#in picks)
        LocalizedText titles = change.titles() != null && change.titles().all().size() > 1 ? change.titles() : null;
        LocalizedText bodies = body != null && body.all().size() > 1 ? body : null;
        return new Notification(id, event.eventId(), kind, event.subject(), change.title(), change.status(),
                change.previousStatus(), change.impact(), body == null ? reason : body.first(),
                body == null ? null : body.firstLanguage(), tweet, components,
                event.time(), change.startedAt(), change.scheduledFor(), change.scheduledUntil(), change.revision(),
                threadId, notify, titles, bodies);
    }

    private String toJson(Notification notification) {
        try {
            return json.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
