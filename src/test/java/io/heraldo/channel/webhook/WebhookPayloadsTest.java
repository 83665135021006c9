package io.heraldo.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.NotificationType;


class WebhookPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-24T16:00:00Z");
    private final WebhookPayloads payloads = new WebhookPayloads(
            new WebhookPayloads.PageInfo("heraldo", "ZBox Mail", "https://status.example.com/", ZoneId.of("America/Santiago")),
            JSON);

    @Test
    void everyKindHasAType() {
        assertThat(Arrays.stream(NotificationKind.values()).map(k -> NotificationType.of(k).wire())).doesNotHaveDuplicates()
                .contains("maintenance.reminder", "notice.published", "component.status_changed");
    }

    @Test
    void aMaintenanceReminderCarriesTheScheduledMaintenance() throws Exception {
        JsonNode body = render(notification(NotificationKind.MAINTENANCE_REMINDER, "mnt-1", "scheduled", null,
                List.of(new Notification.ComponentRef("mbx", "Mailbox", "operational", null))));
        assertThat(body.path("type").asText()).isEqualTo("maintenance.reminder");
        assertThat(body.path("timestamp").asText()).isEqualTo("2026-11-24T16:00Z");
        JsonNode maintenance = body.path("data").path("scheduled_maintenance");
        assertThat(maintenance.path("id").asText()).isEqualTo("mnt-1");
        assertThat(maintenance.path("scheduled_for").asText()).isEqualTo("2026-11-24T12:00:00.000-03:00");
        assertThat(maintenance.path("shortlink").asText()).isEqualTo("https://status.example.com/incidents/mnt-1");
        assertThat(maintenance.path("components").get(0).path("id").asText()).isEqualTo("mbx");
        assertThat(body.path("data").path("page").path("time_zone").asText()).isEqualTo("America/Santiago");
        assertThat(body.path("data").has("incident")).isFalse();
    }

    @Test
    void aComponentChangeCarriesTheComponentAndItsUpdate() throws Exception {
        JsonNode body = render(notification(NotificationKind.COMPONENT_CHANGED, "ldap", "major_outage", "operational",
                List.of(new Notification.ComponentRef("ldap", "LDAP", "major_outage", "operational"))));
        assertThat(body.path("type").asText()).isEqualTo("component.status_changed");
        assertThat(body.path("data").path("component").path("name").asText()).isEqualTo("LDAP");
        JsonNode update = body.path("data").path("component_update");
        assertThat(update.path("old_status").asText()).isEqualTo("operational");
        assertThat(update.path("new_status").asText()).isEqualTo("major_outage");
        assertThat(update.path("component_id").asText()).isEqualTo("ldap");
    }

    @Test
    void aResolvedIncidentHasItsResolutionTime() throws Exception {
        JsonNode incident = render(notification(NotificationKind.INCIDENT_RESOLVED, "inc-1", "resolved", null,
                List.of(new Notification.ComponentRef("ldap", "LDAP", "operational", "major_outage"))))
                .path("data").path("incident");
        assertThat(incident.path("resolved_at").asText()).isEqualTo("2026-11-24T13:00:00.000-03:00");
        assertThat(incident.path("incident_updates").get(0).path("affected_components").get(0).path("old_status").asText())
                .isEqualTo("major_outage");
    }

    @Test
    void theSameNotificationGivesTheSameBytes() {
        Notification n = notification(NotificationKind.NOTICE, "notice-1", null, null, List.of());
        assertThat(payloads.render(n)).isEqualTo(payloads.render(n));
    }

    private JsonNode render(Notification n) throws Exception {
        return JSON.readTree(payloads.render(n));
    }

    private static Notification notification(NotificationKind kind, String subject, String status, String previous,
            List<Notification.ComponentRef> components) {
        return new Notification("n-" + subject, "ev-" + subject, kind, subject, "Title", status, previous, "major", "Body",
                "es", null, components, AT, AT.minusHours(1), kind.isMaintenance() ? AT.minusHours(1) : null,
                kind.isMaintenance() ? AT.plusHours(1) : null, 1, "n-" + subject, null);
    }
}
