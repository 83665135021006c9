package io.heraldo.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.event.ComponentStatus;
import io.heraldo.event.EventType;
import io.heraldo.event.Impact;
import io.heraldo.event.IncidentStatus;
import io.heraldo.event.MaintenanceStatus;
import io.heraldo.event.StatusEvent.ComponentEvent;
import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.event.StatusEvent.MaintenanceEvent;
import io.heraldo.event.StatusEvent.MetricEvent;
import io.heraldo.event.StatusEvent.NoticeEvent;
import io.heraldo.event.StatusEvent.Update;
import io.heraldo.event.StatusEvent;
import io.heraldo.platform.LocalizedText;
import io.heraldo.status.StatusChange;

class NotificationRulesTest {

    static final OffsetDateTime T = OffsetDateTime.parse("2015-02-10T12:40:00-03:00");
    static final Update UPDATE = new Update(LocalizedText.of("es", "body"), null);

    static IncidentEvent incident(EventType type, IncidentStatus status, Set<String> notify) {
        return new IncidentEvent("e", type, T, "inc", LocalizedText.of("es", "t"), status, Impact.MAJOR, Map.of("ldap", ComponentStatus.MAJOR_OUTAGE),
                UPDATE, notify);
    }

    static StatusChange change(StatusEvent event, String status, String previous, boolean created) {
        return new StatusChange(event, "t", status, previous, null, List.of(), null, null, null, 0, created);
    }

    @Test
    void anIncidentIsOpenedUpdatedAndResolved() {
        assertThat(NotificationRules.kindOf(change(incident(EventType.INCIDENT_OPENED, IncidentStatus.INVESTIGATING, null),
                "investigating", null, true))).contains(NotificationKind.INCIDENT_OPENED);
        assertThat(NotificationRules.kindOf(change(incident(EventType.INCIDENT_UPDATED, IncidentStatus.IDENTIFIED, null),
                "identified", "investigating", false))).contains(NotificationKind.INCIDENT_UPDATED);
        assertThat(NotificationRules.kindOf(change(incident(EventType.INCIDENT_RESOLVED, IncidentStatus.RESOLVED, null),
                "resolved", "monitoring", false))).contains(NotificationKind.INCIDENT_RESOLVED);
    }

    @Test
    void anIncidentEventOlderThanTheIncidentsNewestIsNotTold() {
        // Readers never get an older update after a newer one: a late "identified" after the resolution stays in the
        // timeline only.
        StatusChange late = new StatusChange(incident(EventType.INCIDENT_UPDATED, IncidentStatus.IDENTIFIED, null), "t",
                "resolved", "resolved", null, List.of(), null, null, null, 0, false, true);
        assertThat(NotificationRules.kindOf(late)).isEmpty();
    }

    @Test
    void anUpdateThatResolvesIsAResolution() {
        assertThat(NotificationRules.kindOf(change(incident(EventType.INCIDENT_UPDATED, IncidentStatus.RESOLVED, null),
                "resolved", "monitoring", false))).contains(NotificationKind.INCIDENT_RESOLVED);
    }

    @Test
    void aPostmortemAfterResolutionIsAnUpdate() {
        assertThat(NotificationRules.kindOf(change(incident(EventType.INCIDENT_UPDATED, IncidentStatus.POSTMORTEM, null),
                "postmortem", "resolved", false))).contains(NotificationKind.INCIDENT_UPDATED);
    }

    @Test
    void anOpenedEventForAKnownIncidentIsAnUpdate() {
        assertThat(NotificationRules.kindOf(change(incident(EventType.INCIDENT_OPENED, IncidentStatus.IDENTIFIED, null),
                "identified", "investigating", false))).contains(NotificationKind.INCIDENT_UPDATED);
    }

    @Test
    void aSilentUpdateTellsNobody() {
        assertThat(NotificationRules.kindOf(change(incident(EventType.INCIDENT_OPENED, IncidentStatus.INVESTIGATING, Set.of()),
                "investigating", null, true))).isEmpty();
    }

    static MaintenanceEvent maintenance(EventType type, MaintenanceStatus status, Update update) {
        return new MaintenanceEvent("m", type, T, "mnt", null, status, null, null, null, update, null);
    }

    @Test
    void maintenanceIsToldAtEveryStep() {
        assertThat(NotificationRules.kindOf(change(maintenance(EventType.MAINTENANCE_SCHEDULED, MaintenanceStatus.SCHEDULED,
                UPDATE), "scheduled", null, true))).contains(NotificationKind.MAINTENANCE_SCHEDULED);
        assertThat(NotificationRules.kindOf(change(maintenance(EventType.MAINTENANCE_STARTED, MaintenanceStatus.IN_PROGRESS,
                null), "in_progress", "scheduled", false))).contains(NotificationKind.MAINTENANCE_STARTED);
        assertThat(NotificationRules.kindOf(change(maintenance(EventType.MAINTENANCE_COMPLETED, MaintenanceStatus.COMPLETED,
                null), "completed", "in_progress", false))).contains(NotificationKind.MAINTENANCE_COMPLETED);
        assertThat(NotificationRules.kindOf(change(maintenance(EventType.MAINTENANCE_CANCELLED, MaintenanceStatus.CANCELLED,
                UPDATE), "cancelled", "scheduled", false))).contains(NotificationKind.MAINTENANCE_CANCELLED);
        assertThat(NotificationRules.kindOf(change(maintenance(EventType.MAINTENANCE_UPDATED, null, UPDATE),
                "scheduled", "scheduled", false))).contains(NotificationKind.MAINTENANCE_UPDATED);
    }

    @Test
    void aLateClockEventThatChangedNothingIsNotTold() {
        assertThat(NotificationRules.kindOf(change(maintenance(EventType.MAINTENANCE_COMPLETED, MaintenanceStatus.COMPLETED,
                null), "completed", "completed", false))).isEmpty();
    }

    @Test
    void componentChangesAreToldOnlyWhenTheShownStatusMoved() {
        ComponentEvent event = new ComponentEvent("c", EventType.COMPONENT_STATUS_CHANGED, T, "mailbox", null, null,
                ComponentStatus.MAJOR_OUTAGE, "why", null);
        assertThat(NotificationRules.kindOf(change(event, "major_outage", "operational", false)))
                .contains(NotificationKind.COMPONENT_CHANGED);
        assertThat(NotificationRules.kindOf(change(event, "major_outage", "major_outage", false))).isEmpty();
    }

    @Test
    void noticesAreToldAndMetricsNever() {
        NoticeEvent notice = new NoticeEvent("n", EventType.NOTICE_PUBLISHED, T, "notice", LocalizedText.of("es", "t"),
                LocalizedText.of("es", "b"), null);
        assertThat(NotificationRules.kindOf(change(notice, null, null, true))).contains(NotificationKind.NOTICE);
        MetricEvent metric = new MetricEvent("x", EventType.METRIC_RECORDED, T, "m", null, null, List.of());
        assertThat(NotificationRules.kindOf(change(metric, null, null, false))).isEqualTo(Optional.empty());
    }

    @Test
    void aNotificationAllowsOnlyTheChannelsOfNotify() {
        Notification all = NotificationLog.build(change(incident(EventType.INCIDENT_OPENED, IncidentStatus.INVESTIGATING,
                null), "investigating", null, true), NotificationKind.INCIDENT_OPENED, "e", "e");
        Notification emailOnly = NotificationLog.build(change(incident(EventType.INCIDENT_OPENED,
                IncidentStatus.INVESTIGATING, Set.of("email")), "investigating", null, true),
                NotificationKind.INCIDENT_OPENED, "e", "e");
        assertThat(all.allows("twitter")).isTrue();
        assertThat(emailOnly.allows("email")).isTrue();
        assertThat(emailOnly.allows("twitter")).isFalse();
        assertThat(emailOnly.body()).isEqualTo("body");
        assertThat(emailOnly.lang()).isEqualTo("es");
    }
}
