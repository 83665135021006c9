package io.heraldo.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.heraldo.site.Statuspage.ComponentsDocument;
import io.heraldo.site.Statuspage.IncidentsDocument;
import io.heraldo.site.Statuspage.ScheduledMaintenance;
import io.heraldo.site.Statuspage.ScheduledMaintenancesDocument;
import io.heraldo.site.Statuspage.StatusDocument;
import io.heraldo.site.Statuspage.Summary;

/**
 * The eight documents of the Statuspage API v2, built from one snapshot. The live API ({@link StatuspageApiResource}) and
 * the static export ({@link StatuspageApiPart}) both build them here, so the copy is the same JSON as the API.
 */
public final class StatuspageDocuments {

    /** Every document by its path under {@code api/v2/}, in the order of the contract. */
    public static final Map<String, Function<PageSnapshot, Object>> BY_PATH;

    static {
        Map<String, Function<PageSnapshot, Object>> byPath = new LinkedHashMap<>();
        byPath.put("summary.json", StatuspageDocuments::summary);
        byPath.put("status.json", StatuspageDocuments::status);
        byPath.put("components.json", StatuspageDocuments::components);
        byPath.put("incidents.json", StatuspageDocuments::incidents);
        byPath.put("incidents/unresolved.json", StatuspageDocuments::unresolvedIncidents);
        byPath.put("scheduled-maintenances.json", StatuspageDocuments::scheduledMaintenances);
        byPath.put("scheduled-maintenances/upcoming.json", StatuspageDocuments::upcomingMaintenances);
        byPath.put("scheduled-maintenances/active.json", StatuspageDocuments::activeMaintenances);
        BY_PATH = java.util.Collections.unmodifiableMap(byPath);
    }

    private StatuspageDocuments() {
    }

    public static Summary summary(PageSnapshot s) {
        List<ScheduledMaintenance> maintenances = new ArrayList<>(s.activeMaintenances());
        maintenances.addAll(s.upcomingMaintenances());
        return new Summary(s.page(), s.components(), s.unresolvedIncidents(), maintenances, s.status());
    }

    public static StatusDocument status(PageSnapshot s) {
        return new StatusDocument(s.page(), s.status());
    }

    public static ComponentsDocument components(PageSnapshot s) {
        return new ComponentsDocument(s.page(), s.components());
    }

    public static IncidentsDocument incidents(PageSnapshot s) {
        return new IncidentsDocument(s.page(), s.recentIncidents());
    }

    public static IncidentsDocument unresolvedIncidents(PageSnapshot s) {
        return new IncidentsDocument(s.page(), s.unresolvedIncidents());
    }

    public static ScheduledMaintenancesDocument scheduledMaintenances(PageSnapshot s) {
        return new ScheduledMaintenancesDocument(s.page(), s.recentMaintenances());
    }

    public static ScheduledMaintenancesDocument upcomingMaintenances(PageSnapshot s) {
        return new ScheduledMaintenancesDocument(s.page(), s.upcomingMaintenances());
    }

    public static ScheduledMaintenancesDocument activeMaintenances(PageSnapshot s) {
        return new ScheduledMaintenancesDocument(s.page(), s.activeMaintenances());
    }
}
