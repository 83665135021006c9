package io.heraldo.status;

import org.jdbi.v3.core.Handle;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.event.InvalidEventException;
import io.heraldo.event.StatusEvent;
import io.heraldo.event.StatusEvent.ComponentEvent;
import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.event.StatusEvent.MaintenanceEvent;
import io.heraldo.event.StatusEvent.MetricEvent;
import io.heraldo.event.StatusEvent.NoticeEvent;

/**
 * Applies status events to the stored status model, on a handle whose transaction the caller owns.
 * <p>
 * Each event is applied at most once: its id is recorded in the same transaction as its effects. The event goes to
 * the class of its aggregate: {@link ComponentReports} (which also keeps what each component shows for the others),
 * {@link IncidentLedger}, {@link MaintenanceLedger}, {@link NoticeLedger}, {@link MetricLedger}. The rules that decide
 * statuses are plain functions in {@link IncidentRules}, {@link MaintenanceRules} and {@link ReportRules}. An event
 * that is valid on its own but not against the stored state (an update of an incident never opened, without a title)
 * is refused with an {@link InvalidEventException} before anything of it is written.
 */
public class StatusLedger {

    /** What became of one event. */
    public enum Outcome {
        APPLIED, DUPLICATE
    }

    /** The outcome, and for an applied event what it changed. */
    public record Result(Outcome outcome, StatusChange change) {

        static final Result DUPLICATE = new Result(Outcome.DUPLICATE, null);
    }

    private final ComponentReports components = new ComponentReports();
    private final IncidentLedger incidents;
    private final MaintenanceLedger maintenance;
    private final NoticeLedger notices;
    private final MetricLedger metrics = new MetricLedger();

    public StatusLedger(ObjectMapper json) {
        UpdateJson updates = new UpdateJson(json);
        this.incidents = new IncidentLedger(components, updates);
        this.maintenance = new MaintenanceLedger(components, updates);
        this.notices = new NoticeLedger(updates);
    }

    public Result apply(Handle h, StatusEvent event) {
        if (isApplied(h, event.eventId())) {
            return Result.DUPLICATE;
        }
        StatusChange change;
        if (event instanceof IncidentEvent incident) {
            change = incidents.apply(h, incident);
        } else if (event instanceof ComponentEvent component) {
            change = components.apply(h, component);
        } else if (event instanceof MaintenanceEvent scheduled) {
            change = maintenance.apply(h, scheduled);
        } else if (event instanceof NoticeEvent notice) {
            change = notices.apply(h, notice);
        } else {
            change = metrics.apply(h, (MetricEvent) event);
        }
        h.createUpdate("insert into applied_event (event_id, type, subject) values (:eventId, :type, :subject)")
                .bind("eventId", event.eventId())
                .bind("type", event.type().wire())
                .bind("subject", event.subject())
                .execute();
        return new Result(Outcome.APPLIED, change);
    }

    /** Marks the page changed: one call per transaction that applied something. */
    public void touchPage(Handle h) {
        h.createUpdate("update page_state set revision = revision + 1, updated_at = now() where id = 1").execute();
    }

    private static boolean isApplied(Handle h, String eventId) {
        return h.createQuery("select 1 from applied_event where event_id = :eventId")
                .bind("eventId", eventId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }
}
