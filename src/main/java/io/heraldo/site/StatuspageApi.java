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

/** The Atlassian Statuspage public API v2: same paths, field names and enumerations. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public class StatuspageApi {

    private final PageSnapshots snapshots;

    public StatuspageApi(PageSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    @GET
    @Path("summary.json")
    public Summary summary() {
        PageSnapshot s = snapshots.current();
        java.util.List<Statuspage.ScheduledMaintenance> maintenances = new java.util.ArrayList<>(s.activeMaintenances());
        maintenances.addAll(s.upcomingMaintenances());
        return new Summary(s.page(), s.components(), s.unresolvedIncidents(), maintenances, s.status());
    }

    @GET
    @Path("status.json")
    public StatusDocument status() {
        PageSnapshot s = snapshots.current();
        return new StatusDocument(s.page(), s.status());
    }

    @GET
    @Path("components.json")
    public ComponentsDocument components() {
        PageSnapshot s = snapshots.current();
        return new ComponentsDocument(s.page(), s.components());
    }

    @GET
    @Path("incidents.json")
    public IncidentsDocument incidents() {
        PageSnapshot s = snapshots.current();
        return new IncidentsDocument(s.page(), s.recentIncidents());
    }

    @GET
    @Path("incidents/unresolved.json")
    public IncidentsDocument unresolvedIncidents() {
        PageSnapshot s = snapshots.current();
        return new IncidentsDocument(s.page(), s.unresolvedIncidents());
    }

    @GET
    @Path("scheduled-maintenances.json")
    public ScheduledMaintenancesDocument scheduledMaintenances() {
        PageSnapshot s = snapshots.current();
        return new ScheduledMaintenancesDocument(s.page(), s.recentMaintenances());
    }

    @GET
    @Path("scheduled-maintenances/upcoming.json")
    public ScheduledMaintenancesDocument upcomingMaintenances() {
        PageSnapshot s = snapshots.current();
        return new ScheduledMaintenancesDocument(s.page(), s.upcomingMaintenances());
    }

    @GET
    @Path("scheduled-maintenances/active.json")
    public ScheduledMaintenancesDocument activeMaintenances() {
        PageSnapshot s = snapshots.current();
        return new ScheduledMaintenancesDocument(s.page(), s.activeMaintenances());
    }
}
