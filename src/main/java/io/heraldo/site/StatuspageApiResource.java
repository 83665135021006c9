package io.heraldo.site;

import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.site.Statuspage.ComponentsDocument;
import io.heraldo.site.Statuspage.IncidentsDocument;
import io.heraldo.site.Statuspage.ScheduledMaintenancesDocument;
import io.heraldo.site.Statuspage.StatusDocument;
import io.heraldo.site.Statuspage.Summary;

/**
 * The Atlassian Statuspage public API v2: same paths, field names and enumerations. The documents are built by
 * {@link StatuspageDocuments}, which the static export shares, and written once per revision by the same object
 * mapper ({@link PublicRequest}).
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public class StatuspageApiResource {

    static final String JSON = "application/json;charset=UTF-8";

    private final PublicRequest request;
    private final ObjectMapper json;

    public StatuspageApiResource(PublicRequest request, ObjectMapper json) {
        this.request = request;
        this.json = json;
    }

    @GET
    @Path("summary.json")
    @APIResponseSchema(Summary.class)
    public Response summary() {
        return document(StatuspageDocuments::summary);
    }

    @GET
    @Path("status.json")
    @APIResponseSchema(StatusDocument.class)
    public Response status() {
        return document(StatuspageDocuments::status);
    }

    @GET
    @Path("components.json")
    @APIResponseSchema(ComponentsDocument.class)
    public Response components() {
        return document(StatuspageDocuments::components);
    }

    @GET
    @Path("incidents.json")
    @APIResponseSchema(IncidentsDocument.class)
    public Response incidents() {
        return document(StatuspageDocuments::incidents);
    }

    @GET
    @Path("incidents/unresolved.json")
    @APIResponseSchema(IncidentsDocument.class)
    public Response unresolvedIncidents() {
        return document(StatuspageDocuments::unresolvedIncidents);
    }

    @GET
    @Path("scheduled-maintenances.json")
    @APIResponseSchema(ScheduledMaintenancesDocument.class)
    public Response scheduledMaintenances() {
        return document(StatuspageDocuments::scheduledMaintenances);
    }

    @GET
    @Path("scheduled-maintenances/upcoming.json")
    @APIResponseSchema(ScheduledMaintenancesDocument.class)
    public Response upcomingMaintenances() {
        return document(StatuspageDocuments::upcomingMaintenances);
    }

    @GET
    @Path("scheduled-maintenances/active.json")
    @APIResponseSchema(ScheduledMaintenancesDocument.class)
    public Response activeMaintenances() {
        return document(StatuspageDocuments::activeMaintenances);
    }

    private Response document(Function<PageSnapshot, Object> document) {
        return request.respond(() -> {
            try {
                return json.writeValueAsBytes(document.apply(request.snapshot()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write an API document", e);
            }
        }, HttpHeaders.CONTENT_TYPE, JSON);
    }
}
