package io.heraldo.admin;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.platform.Problem;
import io.smallrye.common.annotation.Blocking;

/** {@code GET /admin/v1/audit?limit=}: the latest admin requests, newest first. */
@Path("/admin/v1/audit")
public class AuditResource {

    static final int MAX_LIMIT = 1_000;

    private final AdminAudit audit;

    public AuditResource(AdminAudit audit) {
        this.audit = audit;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response recent(@QueryParam("limit") @DefaultValue("100") String limit) {
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_LIMIT) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new Problem(400, "limit: a whole number from 1 to " + MAX_LIMIT)).build();
        }
        return Response.ok(audit.recent(n)).build();
    }
}
