package io.heraldo.integrations;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.admin.AdminAudit;
import io.heraldo.platform.Problem;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /integrations/alertmanager}: Prometheus Alertmanager's webhook (and Grafana's contact point), behind
 * {@code heraldo.integrations.token} ({@link IntegrationsAuthentication}). {@code 202} with what was published,
 * {@code 400} naming the field of a body that cannot be read. Each published event is in the audit log under the
 * actor {@code alertmanager}.
 */
@Path(AlertmanagerResource.PATH)
public class AlertmanagerResource {

    static final String PATH = "/integrations/alertmanager";
    static final String ACTOR = "alertmanager";

    private final AlertmanagerIntake intake;
    private final AdminAudit audit;

    public AlertmanagerResource(AlertmanagerIntake intake, AdminAudit audit) {
        this.intake = intake;
        this.audit = audit;
    }

    @POST
    @Blocking
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(byte[] body, @Context HttpServerRequest http) {
        String client = IntegrationsAuthentication.client(http);
        AlertmanagerIntake.Answer answer;
        try {
            answer = intake.receive(body);
        } catch (InvalidPayloadException e) {
            audit.record(ACTOR, "POST", PATH, null, 400, client);
            return Response.status(Response.Status.BAD_REQUEST).entity(new Problem(400, e.getMessage())).build();
        }
        if (answer.events().isEmpty()) {
            audit.record(ACTOR, "POST", PATH, null, 202, client);
        }
        answer.events().forEach(event -> audit.record(ACTOR, "POST", PATH, event.id(), 202, client));
        return Response.accepted(answer).build();
    }
}
