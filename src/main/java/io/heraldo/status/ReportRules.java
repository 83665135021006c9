package io.heraldo.status;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.heraldo.event.ComponentStatus;

/**
 * How events that arrive in any order decide what is shown (CONTRACT §1, order across subjects). Records of
 * different subjects come from different partitions and producers, so a component event stamped last night can
 * arrive after the incident of this morning. What counts is each event's {@code time}, not its arrival. Plain
 * functions over values.
 * <p>
 * A report is an event that says what a component's status is: a {@code component.status_changed}, or an incident
 * event naming the component (its resolution too, at the resolution's time). The same rule decides which event of
 * an incident sets its status, title and impact.
 */
public final class ReportRules {

    private ReportRules() {
    }

    /** One entry of a component's history: what the page showed for it from {@code at} on. */
    public record Entry(OffsetDateTime at, ComponentStatus status) {
    }

    /**
     * Whether a report made at {@code at} takes the place of the standing one, made at {@code standing}. The newer by
     * time wins; an older one is kept in the history at its own time but changes nothing shown.
     * <p>
     * On equal times the one applied later wins (arrival order). Within one subject that is the producer's order,
     * which the partition keeps, so updates published within the same second still take effect in order; across
     * subjects it is the order Heraldo read them in.
     *
     * @param standing the time of the standing report, {@code null} when there is none
     */
    public static boolean replaces(OffsetDateTime at, OffsetDateTime standing) {
        return standing == null || !at.isBefore(standing);
    }

    /** The later of two times, for {@code updated_at}, which never goes backwards; {@code null} counts as none. */
    public static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return b.isAfter(a) ? b : a;
    }

    /**
     * The entry that makes the history end where the page is, or empty when it already does.
     * <p>
     * An entry goes into the history at its event's time, which may be before entries already there. Afterwards the
     * newest entry must show what the component shows now. When it does not — a late report became the newest entry,
     * or a report went in before maintenance entries recorded after it — what is shown follows it, at the later of the
     * newest entry's time and the standing report's: from the standing report on, the component was what it reported.
     *
     * @param newest the newest entry of the history, by time
     * @param shown what the component shows now
     * @param standingReport the time of the standing report, {@code null} when there is none
     */
    public static Optional<Entry> closing(Entry newest, ComponentStatus shown, OffsetDateTime standingReport) {
        if (newest == null || newest.status() == shown) {
            return Optional.empty();
        }
        return Optional.of(new Entry(later(newest.at(), standingReport), shown));
    }
}
