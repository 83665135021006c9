package io.heraldo.admin;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.event.EventPublisher;
import io.heraldo.event.InvalidEventException;
import io.heraldo.event.StatusEvent;
import io.heraldo.platform.Problem;
import io.smallrye.common.annotation.Blocking;

/** Operators publish a status event (a structured CloudEvent) without a Kafka client. */
@Path("/admin/v1/events")
public class AdminEventsResource {

    private final EventPublisher publisher;

    public AdminEventsResource(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** {@code 202} once Kafka acknowledged the record; {@code 400} with the reason when the event is invalid. */
    @POST
    @Blocking
    @Consumes({ MediaType.APPLICATION_JSON, "application/cloudevents+json", MediaType.WILDCARD })
    @Produces(MediaType.APPLICATION_JSON)
    public Response publish(byte[] body) {
        try {
            StatusEvent event = publisher.publish(body);
            return Response.accepted(Map.of("id", event.eventId(), "type", event.type().wire(), "subject", event.subject()))
                    .build();
        } catch (InvalidEventException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(new Problem(400, e.getMessage())).build();
        }
    }
}
