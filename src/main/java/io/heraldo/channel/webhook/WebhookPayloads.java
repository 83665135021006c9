package io.heraldo.channel.webhook;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.NotificationType;
import io.heraldo.site.Statuspage;

/**
 * Renders a notification as the webhook body {@code {"type", "timestamp", "data"}}, {@code data} holding the
 * Statuspage objects a Statuspage webhook consumer already reads ({@code page}, {@code incident} with
 * {@code incident_updates}, {@code component} + {@code component_update}, {@code scheduled_maintenance}). The
 * notification carries the change, not the whole history: {@code incident_updates} holds the update this webhook is
 * about. Plain: the same notification always gives the same bytes.
 */
public final class WebhookPayloads {

    /** The page these webhooks speak for. */
    public record PageInfo(String id, String name, String publicUrl, ZoneId zone) {
    }

    private final PageInfo page;
    private final ObjectMapper json;

    public WebhookPayloads(PageInfo page, ObjectMapper json) {
        this.page = page;
        this.json = json;
    }

    public byte[] render(Notification n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("page", new Statuspage.Page(page.id(), page.name(), page.publicUrl(), page.zone().getId(),
                time(n.occurredAt())));
        NotificationKind kind = n.kind();
        if (kind.isIncident()) {
            data.put("incident", incident(n));
        } else if (kind.isMaintenance()) {
            data.put("scheduled_maintenance", maintenance(n));
        } else if (kind == NotificationKind.COMPONENT_CHANGED) {
            Notification.ComponentRef ref = n.components().isEmpty()
                    ? new Notification.ComponentRef(n.subjectId(), n.title(), n.status(), n.previousStatus())
                    : n.components().get(0);
            data.put("component", component(ref));
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("id", n.eventId());
            update.put("component_id", ref.id());
            update.put("created_at", time(n.occurredAt()));
            update.put("old_status", ref.oldStatus() != null ? ref.oldStatus() : n.previousStatus());
            update.put("new_status", ref.status());
            update.put("reason", n.body());
            data.put("component_update", update);
        } else if (kind == NotificationKind.NOTICE) {
            Map<String, Object> notice = new LinkedHashMap<>();
            notice.put("id", n.subjectId());
            notice.put("name", n.title());
            notice.put("body", n.body());
            notice.put("lang", n.lang());
            notice.put("created_at", time(n.occurredAt()));
            data.put("notice", notice);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", NotificationType.of(kind).wire());
        body.put("timestamp", n.occurredAt() == null ? null
                : n.occurredAt().withOffsetSameInstant(ZoneOffset.UTC).toString());
        body.put("data", data);
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render notification " + n.id(), e);
        }
    }

    private Statuspage.Incident incident(Notification n) {
        String status = n.status();
        return new Statuspage.Incident(n.subjectId(), n.title(), status, time(n.startedAt()), time(n.occurredAt()),
                "monitoring".equals(status) ? time(n.occurredAt()) : null,
                "resolved".equals(status) || "postmortem".equals(status) ? time(n.occurredAt()) : null, n.impact(),
                link(n.subjectId()), time(n.startedAt()), page.id(), List.of(update(n)), components(n));
    }

    private Statuspage.ScheduledMaintenance maintenance(Notification n) {
        String status = n.status();
        return new Statuspage.ScheduledMaintenance(n.subjectId(), n.title(), status, time(n.startedAt()),
                time(n.occurredAt()), null,
                "completed".equals(status) || "cancelled".equals(status) ? time(n.occurredAt()) : null, "maintenance",
                link(n.subjectId()), time(n.startedAt()), page.id(), List.of(update(n)), components(n),
                time(n.scheduledFor()), time(n.scheduledUntil()));
    }

    private Statuspage.IncidentUpdate update(Notification n) {
        List<Statuspage.AffectedComponent> affected = n.components().stream()
                .map(c -> new Statuspage.AffectedComponent(c.id(), c.name(),
                        c.oldStatus() == null ? c.status() : c.oldStatus(), c.status()))
                .toList();
        String at = time(n.occurredAt());
        return new Statuspage.IncidentUpdate(n.eventId(), n.status(), n.body() == null ? "" : n.body(), n.subjectId(), at,
                at, at, affected, true, n.tweet(), null);
    }

    private List<Statuspage.Component> components(Notification n) {
        return n.components().stream().map(this::component).toList();
    }

    private Statuspage.Component component(Notification.ComponentRef c) {
        return new Statuspage.Component(c.id(), c.name() == null ? c.id() : c.name(), c.status(), null, null, 0, null,
                false, null, null, page.id(), false, false, null);
    }

    private String link(String id) {
        String base = page.publicUrl().endsWith("/") ? page.publicUrl() : page.publicUrl() + "/";
        return base + "incidents/" + id;
    }

    private String time(OffsetDateTime time) {
        return Statuspage.time(time, page.zone());
    }
}
