package io.heraldo.site;

import java.time.OffsetDateTime;
import java.util.List;

import io.heraldo.site.Statuspage.Component;
import io.heraldo.site.Statuspage.Incident;
import io.heraldo.site.Statuspage.Page;
import io.heraldo.site.Statuspage.ScheduledMaintenance;
import io.heraldo.site.Statuspage.Status;
import io.heraldo.status.StatusIndicator;

/**
 * Everything the public face shows, read in one go at one page revision. Immutable: requests share it until the
 * revision moves.
 *
 * @param incidents the 50 most recent incidents, newest first, plus any older one still open
 * @param maintenances the 50 most recent maintenances by start, plus every one not finished
 */
public record PageSnapshot(long revision, OffsetDateTime updatedAt, Page page, StatusIndicator indicator,
        List<Component> components, List<Incident> incidents, List<ScheduledMaintenance> maintenances) {

    public Status status() {
        return new Status(indicator.wire(), indicator.description());
    }

    public List<Incident> unresolvedIncidents() {
        return incidents.stream().filter(i -> i.resolvedAt() == null).toList();
    }

    public List<Incident> recentIncidents() {
        return incidents.stream().limit(50).toList();
    }

    public List<ScheduledMaintenance> upcomingMaintenances() {
        return maintenances.stream().filter(m -> m.status().equals("scheduled"))
                .sorted((a, b) -> a.scheduledFor().compareTo(b.scheduledFor())).toList();
    }

    public List<ScheduledMaintenance> activeMaintenances() {
        return maintenances.stream().filter(m -> m.status().equals("in_progress") || m.status().equals("verifying"))
                .toList();
    }

    public List<ScheduledMaintenance> recentMaintenances() {
        return maintenances.stream().limit(50).toList();
    }
}
