package io.heraldo.status;

import static io.heraldo.status.StatusEvents.DAY;
import static io.heraldo.status.StatusEvents.UTC;
import static io.heraldo.status.StatusEvents.component;
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
 * Maintenance on a real PostgreSQL through the ledger, without Quarkus: in progress it lays {@code under_maintenance}
 * over its operational components (never over worse), its end gives them back, and a late start changes nothing.
 */
class MaintenanceLedgerTest {

    @RegisterExtension
    static final LedgerDatabase db = new LedgerDatabase();

    private record Stored(String status, int revision, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    @Test
    void aMaintenanceInProgressIsLaidOverItsComponentsAndItsEndGivesThemBack() {
        String suffix = unique();
        String id = "mnt-" + suffix;
        String ldap = "ldap-" + suffix;
        String proxy = "proxy-" + suffix;
        db.applied(component("ldap-up-" + suffix, ldap, DAY.plusHours(8), "operational", "LDAP"));
        db.applied(component("proxy-down-" + suffix, proxy, DAY.plusHours(8), "major_outage", "Proxy"));

        StatusChange scheduled = db.applied(maintenance("scheduled-" + suffix, "maintenance.scheduled", id,
                DAY.plusHours(8).plusMinutes(30), """
                        "title": "Second LDAP server", "status": "scheduled", "scheduledFor": "%s",
                        "scheduledUntil": "%s", "components": ["%s", "%s"]""".formatted(DAY.plusHours(10),
                        DAY.plusHours(11), ldap, proxy), "We add a server"));

        assertThat(scheduled.created()).isTrue();
        assertThat(scheduled.status()).isEqualTo("scheduled");
        assertThat(scheduled.revision()).isZero();
        assertThat(scheduled.scheduledFor()).isAtSameInstantAs(DAY.plusHours(10));
        assertThat(scheduled.scheduledUntil()).isAtSameInstantAs(DAY.plusHours(11));
        assertThat(db.shown(ldap)).as("not before it starts").isEqualTo("operational");

        StatusChange started = db.applied(maintenance("started-" + suffix, "maintenance.started", id,
                DAY.plusHours(10), "\"status\": \"in_progress\"", "Started"));

        assertThat(started.previousStatus()).isEqualTo("scheduled");
        assertThat(started.revision()).isEqualTo(1);
        assertThat(started.startedAt()).isAtSameInstantAs(DAY.plusHours(10));
        assertThat(started.components()).containsExactly(
                new ComponentState(ldap, "LDAP", "under_maintenance", "operational"),
                new ComponentState(proxy, "Proxy", "major_outage", null));

        // Recovered during the maintenance: shown as under maintenance until it ends.
        db.applied(component("proxy-up-" + suffix, proxy, DAY.plusHours(10).plusMinutes(30), "operational", null));
        assertThat(db.shown(proxy)).isEqualTo("under_maintenance");

        StatusChange completed = db.applied(maintenance("completed-" + suffix, "maintenance.completed", id,
                DAY.plusHours(11), "\"status\": \"completed\"", "Done"));

        assertThat(completed.components()).containsExactly(
                new ComponentState(ldap, "LDAP", "operational", "under_maintenance"),
                new ComponentState(proxy, "Proxy", "operational", "under_maintenance"));
        assertThat(stored(id)).isEqualTo(new Stored("completed", 2, DAY.plusHours(10), DAY.plusHours(11)));
        assertThat(db.count("maintenance_update", "maintenance_id", id)).isEqualTo(3);
        assertThat(db.history(ldap)).containsExactly(
                new Entry(DAY.plusHours(10), ComponentStatus.UNDER_MAINTENANCE),
                new Entry(DAY.plusHours(11), ComponentStatus.OPERATIONAL));
        assertThat(db.history(proxy)).containsExactly(
                new Entry(DAY.plusHours(8), ComponentStatus.MAJOR_OUTAGE),
                new Entry(DAY.plusHours(10).plusMinutes(30), ComponentStatus.UNDER_MAINTENANCE),
                new Entry(DAY.plusHours(11), ComponentStatus.OPERATIONAL));
    }

    @Test
    void theClocksStartAfterTheOperatorFinishedTheMaintenanceChangesNothing() {
        String suffix = unique();
        String id = "mnt-" + suffix;
        String mta = "mta-" + suffix;
        db.applied(maintenance("scheduled-" + suffix, "maintenance.scheduled", id, DAY.plusHours(8), """
                "title": "MTA upgrade", "status": "scheduled", "scheduledFor": "%s", "scheduledUntil": "%s",
                "components": ["%s"]""".formatted(DAY.plusHours(10), DAY.plusHours(11), mta), "Upgrade"));
        db.applied(maintenance("cancelled-" + suffix, "maintenance.cancelled", id, DAY.plusHours(9),
                "\"status\": \"cancelled\"", "Not needed"));
        Stored before = stored(id);

        // What MaintenanceClock publishes at scheduledFor: the maintenance's id and nothing else.
        StatusChange late = db.applied(maintenance("heraldo-clock:" + id + ":started:1", "maintenance.started", id,
                DAY.plusHours(10), "", null));

        assertThat(late.status()).isEqualTo("cancelled");
        assertThat(late.statusChanged()).isFalse();
        assertThat(stored(id)).isEqualTo(before);
        assertThat(db.count("maintenance_update", "maintenance_id", id)).as("no update: nothing said, nothing moved")
                .isEqualTo(2);
        assertThat(db.shown(mta)).isEqualTo("operational");
    }

    @Test
    void componentsTakenOutOfAMaintenanceInProgressAreGivenBack() {
        String suffix = unique();
        String id = "mnt-" + suffix;
        String a = "a-" + suffix;
        String b = "b-" + suffix;
        String c = "c-" + suffix;
        db.applied(maintenance("scheduled-" + suffix, "maintenance.scheduled", id, DAY.plusHours(8), """
                "title": "Storage", "status": "scheduled", "scheduledFor": "%s", "scheduledUntil": "%s",
                "components": ["%s", "%s"]""".formatted(DAY.plusHours(9), DAY.plusHours(12), a, b), "Storage"));
        db.applied(maintenance("started-" + suffix, "maintenance.started", id, DAY.plusHours(9),
                "\"status\": \"in_progress\"", null));

        StatusChange changed = db.applied(maintenance("updated-" + suffix, "maintenance.updated", id,
                DAY.plusHours(10), "\"components\": [\"%s\", \"%s\"]".formatted(b, c), null));

        assertThat(db.shown(a)).isEqualTo("operational");
        assertThat(db.shown(b)).isEqualTo("under_maintenance");
        assertThat(db.shown(c)).isEqualTo("under_maintenance");
        assertThat(changed.components()).containsExactly(
                new ComponentState(b, b, "under_maintenance", null),
                new ComponentState(c, c, "under_maintenance", "operational"));
        assertThat(changed.revision()).as("its components changed").isEqualTo(2);
        assertThat(db.history(a)).containsExactly(
                new Entry(DAY.plusHours(9), ComponentStatus.UNDER_MAINTENANCE),
                new Entry(DAY.plusHours(10), ComponentStatus.OPERATIONAL));
    }

    private static Stored stored(String id) {
        return db.jdbi().withHandle(h -> h.createQuery(
                "select status, revision, started_at, finished_at from maintenance where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Stored(rs.getString("status"), rs.getInt("revision"),
                        utc(rs.getObject("started_at", OffsetDateTime.class)),
                        utc(rs.getObject("finished_at", OffsetDateTime.class))))
                .one());
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(UTC);
    }
}
