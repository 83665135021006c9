package io.heraldo.status;

import static io.heraldo.status.StatusEvents.DAY;
import static io.heraldo.status.StatusEvents.component;
import static io.heraldo.status.StatusEvents.incident;
import static io.heraldo.status.StatusEvents.maintenance;
import static io.heraldo.status.StatusEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.heraldo.event.InvalidEventException;
import io.heraldo.event.StatusEvent;

/**
 * The ledger's entry point on a real PostgreSQL, without Quarkus: each event id is applied once, in the caller's
 * transaction; an event the stored state refuses writes nothing; the page revision moves once per call.
 */
class StatusLedgerTest {

    @RegisterExtension
    static final LedgerDatabase db = new LedgerDatabase();

    @Test
    void anEventIdAppliedBeforeIsAcknowledgedAndChangesNothing() {
        String suffix = unique();
        String incidentId = "inc-" + suffix;
        String componentId = "db-" + suffix;
        StatusEvent opened = incident("opened-" + suffix, "incident.opened", incidentId, DAY.plusHours(9),
                "\"title\": \"Database down\", \"status\": \"investigating\", \"impact\": \"major\","
                        + " \"components\": {\"%s\": \"major_outage\"}".formatted(componentId), "Looking");
        assertThat(db.apply(opened).outcome()).isEqualTo(StatusLedger.Outcome.APPLIED);
        // The component recovers meanwhile; the repeat of the opening must not take it down again.
        db.applied(component("recovered-" + suffix, componentId, DAY.plusHours(10), "operational", null));

        StatusLedger.Result repeat = db.apply(opened);

        assertThat(repeat.outcome()).isEqualTo(StatusLedger.Outcome.DUPLICATE);
        assertThat(repeat.change()).isNull();
        assertThat(db.count("incident_update", "incident_id", incidentId)).isEqualTo(1);
        assertThat(db.count("applied_event", "event_id", "opened-" + suffix)).isEqualTo(1);
        assertThat(db.shown(componentId)).isEqualTo("operational");
        Map<String, Object> recorded = db.jdbi().withHandle(h -> h.createQuery(
                "select type, subject from applied_event where event_id = :id").bind("id", "opened-" + suffix)
                .mapToMap().one());
        assertThat(recorded).containsEntry("type", "incident.opened").containsEntry("subject", incidentId);
    }

    @Test
    void anEventWhoseTransactionRolledBackLeavesNoTraceAndIsAppliedWhenItComesAgain() {
        String suffix = unique();
        String componentId = "mta-" + suffix;
        StatusEvent down = component("down-" + suffix, componentId, DAY.plusHours(9), "major_outage", "MTA");

        db.jdbi().useTransaction(h -> {
            db.ledger().apply(h, down);
            h.rollback();
        });

        assertThat(db.count("component", "id", componentId)).isZero();
        assertThat(db.count("applied_event", "event_id", "down-" + suffix)).isZero();
        assertThat(db.apply(down).outcome()).isEqualTo(StatusLedger.Outcome.APPLIED);
        assertThat(db.shown(componentId)).isEqualTo("major_outage");
    }

    @Test
    void anUpdateOfAnIncidentNeverOpenedWithoutATitleIsRefusedBeforeAnythingIsWritten() {
        String suffix = unique();
        String incidentId = "inc-" + suffix;
        String componentId = "proxy-" + suffix;
        StatusEvent update = incident("updated-" + suffix, "incident.updated", incidentId, DAY.plusHours(9),
                "\"status\": \"identified\", \"components\": {\"%s\": \"partial_outage\"}".formatted(componentId),
                "Found it");

        assertThatThrownBy(() -> db.apply(update)).isInstanceOf(InvalidEventException.class)
                .hasMessage("data.incident.title: is required because incident '" + incidentId
                        + "' has not been opened");

        assertThat(db.count("incident", "id", incidentId)).isZero();
        assertThat(db.count("component", "id", componentId)).isZero();
        assertThat(db.count("applied_event", "event_id", "updated-" + suffix)).isZero();
    }

    @Test
    void aMaintenanceNeverScheduledNeedsItsTitleAndTimes() {
        String suffix = unique();
        String maintenanceId = "mnt-" + suffix;
        StatusEvent started = maintenance("started-" + suffix, "maintenance.started", maintenanceId, DAY.plusHours(9),
                "\"status\": \"in_progress\"", null);

        assertThatThrownBy(() -> db.apply(started)).isInstanceOf(InvalidEventException.class)
                .hasMessage("data.maintenance.title: is required because maintenance '" + maintenanceId
                        + "' has not been scheduled");
        assertThat(db.count("maintenance", "id", maintenanceId)).isZero();
        assertThat(db.count("applied_event", "event_id", "started-" + suffix)).isZero();
    }

    @Test
    void touchingThePageRaisesItsRevisionByOne() {
        long before = revision();

        db.jdbi().useTransaction(h -> db.ledger().touchPage(h));

        assertThat(revision()).isEqualTo(before + 1);
    }

    private static long revision() {
        return db.jdbi().withHandle(h -> h.createQuery("select revision from page_state where id = 1")
                .mapTo(long.class).one());
    }
}
