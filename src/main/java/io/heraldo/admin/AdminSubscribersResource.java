package io.heraldo.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.heraldo.audience.InvalidFieldException;
import io.heraldo.audience.SubscriberExport;
import io.heraldo.audience.SubscriberImport;
import io.heraldo.audience.SubscriberRestore;
import io.heraldo.platform.Problem;
import io.smallrye.common.annotation.Blocking;

/** Operators move subscribers in and out as CSV, and rebuild them from Kafka after losing the database. */
@Path("/admin/v1/subscribers")
public class AdminSubscribersResource {

    static final String CSV = "text/csv";

    private final SubscriberImport importer;
    private final SubscriberExport exporter;
    private final SubscriberRestore restorer;

    public AdminSubscribersResource(SubscriberImport importer, SubscriberExport exporter, SubscriberRestore restorer) {
        this.importer = importer;
        this.exporter = exporter;
        this.restorer = restorer;
    }

    /** The body is read as it arrives; {@code 400} when the header has no {@code email} column. */
    @POST
    @Path("import")
    @Blocking
    @Consumes({ CSV, MediaType.TEXT_PLAIN })
    @Produces(MediaType.APPLICATION_JSON)
    public Response importCsv(InputStream body) throws IOException {
        try {
            SubscriberImport.Report report = importer.importCsv(body);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("imported", report.imported());
            answer.put("skipped", report.skipped());
            answer.put("invalid", report.invalid());
            if (report.invalidCount() > report.invalid().size()) {
                answer.put("invalidCount", report.invalidCount());
            }
            return Response.ok(answer).build();
        } catch (InvalidFieldException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(new Problem(400, e.getMessage())).build();
        }
    }

    @GET
    @Path("export")
    @Blocking
    @Produces(CSV)
    public Response export() {
        StreamingOutput csv = exporter::write;
        return Response.ok(csv, MediaType.valueOf(CSV + "; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"subscribers.csv\"")
                .build();
    }

    @POST
    @Path("restore")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> restore() {
        SubscriberRestore.Result result = restorer.restore();
        Map<String, Integer> answer = new LinkedHashMap<>();
        answer.put("restored", result.restored());
        answer.put("newerInTable", result.newerInTable());
        answer.put("conflicts", result.conflicts());
        answer.put("notOnTopic", result.notOnTopic());
        answer.put("unreadable", result.unreadable());
        return answer;
    }
}
