package io.heraldo.status;

import static io.heraldo.status.StatusEvents.DAY;
import static io.heraldo.status.StatusEvents.UTC;
import static io.heraldo.status.StatusEvents.component;
import static io.heraldo.status.StatusEvents.event;
import static io.heraldo.status.StatusEvents.incident;
import static io.heraldo.status.StatusEvents.maintenance;
import static io.heraldo.status.StatusEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.heraldo.event.ComponentStatus;
import io.heraldo.status.ReportRules.Entry;
import io.heraldo.status.StatusChange.ComponentState;

/**
 * Components on a real PostgreSQL through the ledger, without Quarkus: the newest report by event time is what a
 * component shows; an older one arriving later is history at its own time, shown as the page showed it then.
 */
class ComponentReportsTest {

    @RegisterExtension
    static final LedgerDatabase db = new LedgerDatabase();

    private record Described(String name, String group, OffsetDateTime createdAt) {
    }

    @Test
    void aComponentEventCreatesTheComponentWithItsNameGroupAndStatus() {
        String suffix = unique();
        String id = "imap-" + suffix;

        StatusChange change = db.applied(event("imap-slow-" + suffix, "component.status_changed", id,
                DAY.plusHours(9), """
                        {"component": {"id": "%s", "name": "IMAP", "group": "Mail", "status": "degraded_performance"},
                         "reason": "slow logins"}""".formatted(id)));

        assertThat(change.title()).isEqualTo("IMAP");
        assertThat(change.status()).isEqualTo("degraded_performance");
        assertThat(change.previousStatus()).isEqualTo("operational");
        assertThat(change.components()).containsExactly(
                new ComponentState(id, "IMAP", "degraded_performance", "operational"));
        assertThat(described(id)).isEqualTo(new Described("IMAP", "Mail", DAY.plusHours(9)));
        assertThat(db.history(id)).containsExactly(new Entry(DAY.plusHours(9), ComponentStatus.DEGRADED_PERFORMANCE));

        StatusChange same = db.applied(component("imap-slow-again-" + suffix, id, DAY.plusHours(10),
                "degraded_performance", null));

        assertThat(same.previousStatus()).as("a report of the same status moves nothing").isEqualTo(same.status());
        assertThat(same.statusChanged()).isFalse();
        assertThat(db.history(id)).hasSize(1);
    }

    @Test
    void anOlderReportArrivingLaterIsHistoryAndNamesNothing() {
        String suffix = unique();
        String id = "webmail-" + suffix;
        db.applied(component("down-" + suffix, id, DAY.plusHours(10), "major_outage", "Webmail"));

        StatusChange late = db.applied(component("registered-" + suffix, id, DAY.plusHours(2), "operational",
                "Old webmail"));

        assertThat(late.status()).isEqualTo("major_outage");
        assertThat(late.statusChanged()).isFalse();
        assertThat(db.shown(id)).isEqualTo("major_outage");
        assertThat(described(id)).as("its history now starts earlier; the newer name stays")
                .isEqualTo(new Described("Webmail", null, DAY.plusHours(2)));
        assertThat(db.history(id)).containsExactly(
                new Entry(DAY.plusHours(2), ComponentStatus.OPERATIONAL),
                new Entry(DAY.plusHours(10), ComponentStatus.MAJOR_OUTAGE));
    }

    @Test
    void aLateReportIsRecordedWithTheMaintenanceThatWasInProgressAtItsTime() {
        String suffix = unique();
        String id = "dns-" + suffix;
        String mnt = "mnt-" + suffix;
        db.applied(maintenance("scheduled-" + suffix, "maintenance.scheduled", mnt, DAY.plusHours(8), """
                "title": "DNS", "status": "scheduled", "scheduledFor": "%s", "scheduledUntil": "%s",
                "components": ["%s"]""".formatted(DAY.plusHours(9), DAY.plusHours(12), id), null));
        db.applied(maintenance("started-" + suffix, "maintenance.started", mnt, DAY.plusHours(9),
                "\"status\": \"in_progress\"", null));
        db.applied(component("down-" + suffix, id, DAY.plusHours(10), "major_outage", null));

        db.applied(component("fine-" + suffix, id, DAY.plusHours(9).plusMinutes(30), "operational", null));

        assertThat(db.shown(id)).isEqualTo("major_outage");
        assertThat(db.history(id)).containsExactly(
                new Entry(DAY.plusHours(9), ComponentStatus.UNDER_MAINTENANCE),
                new Entry(DAY.plusHours(9).plusMinutes(30), ComponentStatus.UNDER_MAINTENANCE),
                new Entry(DAY.plusHours(10), ComponentStatus.MAJOR_OUTAGE));
    }

    @Test
    void aComponentFirstNamedByAnIncidentIsNamedByItsId() {
        String suffix = unique();
        String id = "calendar-" + suffix;

        db.applied(incident("opened-" + suffix, "incident.opened", "inc-" + suffix, DAY.plusHours(9),
                "\"title\": \"Calendar\", \"status\": \"investigating\", \"impact\": \"minor\", \"components\": "
                        + "{\"%s\": \"partial_outage\"}".formatted(id), "Looking"));

        assertThat(described(id)).isEqualTo(new Described(id, null, DAY.plusHours(9)));
        assertThat(db.shown(id)).isEqualTo("partial_outage");
    }

    private static Described described(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("select name, group_name, created_at from component where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Described(rs.getString("name"), rs.getString("group_name"),
                        rs.getObject("created_at", OffsetDateTime.class).withOffsetSameInstant(UTC)))
                .one());
    }
}
