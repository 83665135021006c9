package io.heraldo.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.heraldo.fanout.DeliveryLog;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/** The delivery log of one event's notifications, per channel and per delivery, with a retry button. */
@Path("/console/notifications")
@Blocking
public class ConsoleNotificationsResource {

    private static final String PATH = "/console/notifications/";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notification(ConsolePage p, String eventId,
                List<DeliveryProgress.Counts> counts, List<NotificationDeliveries.Row> deliveries, boolean retried);
    }

    private final ConsoleResponses responses;
    private final DeliveryProgress progress;
    private final NotificationDeliveries deliveries;
    private final DeliveryLog log;

    public ConsoleNotificationsResource(ConsoleResponses responses, DeliveryProgress progress,
            NotificationDeliveries deliveries, DeliveryLog log) {
        this.responses = responses;
        this.progress = progress;
        this.deliveries = deliveries;
        this.log = log;
    }

    @GET
    @Path("{eventId}")
    @Produces(MediaType.TEXT_HTML)
    public Response notification(@Context ContainerRequestContext request, @PathParam("eventId") String eventId,
            @QueryParam("retried") String retried) {
        ConsolePage page = responses.page(request, "notification");
        var counts = progress.of(eventId);
        if (counts.isEmpty()) {
            return ConsoleResponses.notFound("no event '" + eventId + "' has been applied");
        }
        return responses.html(request, Response.Status.OK, Templates.notification(page, eventId, counts.get(),
                deliveries.ofEvent(eventId), retried != null), page.lang());
    }

    /** Sends one delivery again now: {@code channel}, {@code delivery}. */
    @POST
    @Path("{eventId}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response retry(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            @PathParam("eventId") String eventId, MultivaluedMap<String, String> form) {
        String delivery = form.getFirst("delivery");
        ConsolePost post = responses.post(request, http, form, PATH + eventId + "/retry", delivery);
        if (post.forged()) {
            return post.refusal();
        }
        String channel = form.getFirst("channel");
        boolean replayed = channel != null && delivery != null && log.replay(channel, delivery);
        post.audit(PATH + eventId + "/retry", delivery, replayed ? 303 : 409);
        return Response.seeOther(URI.create(PATH + URLEncoder.encode(eventId, StandardCharsets.UTF_8)
                + (replayed ? "?retried=1" : ""))).build();
    }
}
