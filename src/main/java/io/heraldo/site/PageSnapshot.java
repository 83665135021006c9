package io.heraldo.site;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;

import io.heraldo.event.StatusIndicator;
import io.heraldo.site.Statuspage.Component;
import io.heraldo.site.Statuspage.Incident;
import io.heraldo.site.Statuspage.Page;
import io.heraldo.site.Statuspage.ScheduledMaintenance;
import io.heraldo.site.Statuspage.Status;

/**
 * Everything the public face shows, read in one go at one page revision. Immutable: requests share it until the
 * revision moves.
 *
 * @param lang the language of the texts of incidents and maintenance (each in it, else the default locale's, else
 *        the first given)
 * @param unresolvedIncidents open incidents, newest first
 * @param pendingMaintenances maintenance scheduled, in progress or verifying
 * @param recent the 50 most recent incidents and maintenances, read only when asked for: the summary, which is
 *        what clients poll, never needs them
 */
public record PageSnapshot(long revision, String lang, OffsetDateTime updatedAt, Page page, StatusIndicator indicator,
        List<Component> components, List<Incident> unresolvedIncidents, List<ScheduledMaintenance> pendingMaintenances,
        Supplier<History> recent) {

    /** The 50 most recent incidents (newest first) and maintenances (latest start first). */
    public record History(List<Incident> incidents, List<ScheduledMaintenance> maintenances) {
    }

    public Status status() {
        return new Status(indicator.wire(), indicator.description());
    }

    public List<Incident> recentIncidents() {
        return recent.get().incidents();
    }

    public List<ScheduledMaintenance> upcomingMaintenances() {
        return pendingMaintenances.stream().filter(m -> m.status().equals("scheduled"))
                .sorted((a, b) -> a.scheduledFor().compareTo(b.scheduledFor())).toList();
    }

    public List<ScheduledMaintenance> activeMaintenances() {
        return pendingMaintenances.stream().filter(m -> m.status().equals("in_progress") || m.status().equals("verifying"))
                .toList();
    }

    public List<ScheduledMaintenance> recentMaintenances() {
        return recent.get().maintenances();
    }
}
