package io.heraldo.site;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.heraldo.site.Statuspage.ComponentsDocument;
import io.heraldo.site.Statuspage.IncidentsDocument;
import io.heraldo.site.Statuspage.ScheduledMaintenancesDocument;
import io.heraldo.site.Statuspage.StatusDocument;
import io.heraldo.site.Statuspage.Summary;

/**
 * The Atlassian Statuspage public API v2: same paths, field names and enumerations. The documents are built by
 * {@link StatuspageDocuments}, which the static export shares.
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public class StatuspageApi {

    /** The snapshot the caching filter already read for its validators: one revision query per request. */
    private final RequestSnapshot snapshots;

    public StatuspageApi(RequestSnapshot snapshots) {
        this.snapshots = snapshots;
    }

    @GET
    @Path("summary.json")
    public Summary summary() {
        return StatuspageDocuments.summary(snapshots.get());
    }

    @GET
    @Path("status.json")
    public StatusDocument status() {
        return StatuspageDocuments.status(snapshots.get());
    }

    @GET
    @Path("components.json")
    public ComponentsDocument components() {
        return StatuspageDocuments.components(snapshots.get());
    }

    @GET
    @Path("incidents.json")
    public IncidentsDocument incidents() {
        return StatuspageDocuments.incidents(snapshots.get());
    }

    @GET
    @Path("incidents/unresolved.json")
    public IncidentsDocument unresolvedIncidents() {
        return StatuspageDocuments.unresolvedIncidents(snapshots.get());
    }

    @GET
    @Path("scheduled-maintenances.json")
    public ScheduledMaintenancesDocument scheduledMaintenances() {
        return StatuspageDocuments.scheduledMaintenances(snapshots.get());
    }

    @GET
    @Path("scheduled-maintenances/upcoming.json")
    public ScheduledMaintenancesDocument upcomingMaintenances() {
        return StatuspageDocuments.upcomingMaintenances(snapshots.get());
    }

    @GET
    @Path("scheduled-maintenances/active.json")
    public ScheduledMaintenancesDocument activeMaintenances() {
        return StatuspageDocuments.activeMaintenances(snapshots.get());
    }
}
