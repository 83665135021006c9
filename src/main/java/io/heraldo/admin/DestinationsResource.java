package io.heraldo.admin;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.SendResult;
import io.heraldo.channel.chat.ChatChannel;
import io.heraldo.channel.chat.ChatDestination;
import io.heraldo.channel.chat.ChatDestinations;
import io.heraldo.channel.chat.ChatService;
import io.heraldo.channel.chat.DestinationRegistration;
import io.heraldo.channel.chat.Reply;
import io.heraldo.fanout.DeliveryLog;
import io.heraldo.platform.Problem;
import io.smallrye.common.annotation.Blocking;

/** Operators register chat destinations (contract section 3), see them with their secrets masked, and test them. */
@Path("/admin/v1/destinations")
@Produces(MediaType.APPLICATION_JSON)
public class DestinationsResource {

    private final ChatDestinations destinations;
    private final ChatChannel channel;
    private final DestinationRegistration registration;
    private final DeliveryLog log;
    private final ObjectMapper json;

    public DestinationsResource(ChatDestinations destinations, ChatChannel channel, DeliveryLog log, ObjectMapper json) {
        this.destinations = destinations;
        this.channel = channel;
        this.registration = channel.registration();
        this.log = log;
        this.json = json;
    }

    /** {@code 201 {"id"}}, or {@code 400} naming the field at fault. */
    @POST
    @Blocking
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    public Response register(byte[] body) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JsonProcessingException e) {
            return badRequest("body: not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return badRequest("body: unreadable");
        }
        ChatDestinations.New valid;
        try {
            valid = registration.validate(request);
        } catch (ChatService.InvalidDestination e) {
            return badRequest(e.getMessage());
        }
        ChatDestination destination = destinations.create(valid);
        return Response.created(URI.create("/admin/v1/destinations/" + destination.id()))
                .entity(Map.of("id", destination.id())).build();
    }

    @GET
    @Blocking
    public List<Map<String, Object>> list() {
        return destinations.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @Blocking
    public Response one(@PathParam("id") String id) {
        return destinations.find(id).map(d -> Response.ok(view(d)).build()).orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("{id}")
    @Blocking
    public Response delete(@PathParam("id") String id) {
        return destinations.delete(id) ? Response.noContent().build() : notFound(id);
    }

    /**
     * Sends a test message now and answers {@code 202} with what the service made of it; a test that goes through
     * enables a disabled destination again, an authentication error disables it.
     */
    @POST
    @Path("{id}/test")
    @Blocking
    public Response test(@PathParam("id") String id) {
        Optional<ChatDestination> destination = destinations.find(id);
        if (destination.isEmpty()) {
            return notFound(id);
        }
        Reply reply = channel.test(destination.get());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        SendResult result = reply.result();
        if (result instanceof SendResult.Sent sent) {
            answer.put("outcome", "sent");
            answer.put("statusCode", sent.statusCode());
        } else if (result instanceof SendResult.Retry retry) {
            answer.put("outcome", "failed");
            answer.put("statusCode", retry.statusCode());
            answer.put("error", retry.reason());
        } else if (result instanceof SendResult.Failed failed) {
            answer.put("outcome", reply.disables() != null ? "disabled" : "failed");
            answer.put("statusCode", failed.statusCode());
            answer.put("error", failed.reason());
        }
        return Response.accepted(answer).build();
    }

    /** The latest messages to the destination, newest first, each with every attempt. */
    @GET
    @Path("{id}/deliveries")
    @Blocking
    public Response deliveries(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit)
            throws SQLException {
        if (destinations.find(id).isEmpty()) {
            return notFound(id);
        }
        if (limit < 1 || limit > 500) {
            return badRequest("limit: between 1 and 500");
        }
        return Response.ok(log.deliveriesTo(ChatChannel.NAME, id, limit)).build();
    }

    private Map<String, Object> view(ChatDestination d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("type", d.type());
        view.put("name", d.name());
        ChatService service = channel.services().get(d.type());
        if (service != null) {
            view.putAll(service.masked(d.fields()));
        }
        view.put("events", d.events());
        view.put("components", d.components());
        view.put("lang", d.lang());
        view.put("enabled", d.enabled());
        view.put("disabledReason", d.disabledReason());
        view.put("failingSince", d.failingSince());
        view.put("createdAt", d.createdAt());
        return view;
    }

    private static Response notFound(String id) {
        return Response.status(Response.Status.NOT_FOUND).entity(new Problem(404, "id: no destination '" + id + "'"))
                .build();
    }

    private static Response badRequest(String reason) {
        return Response.status(Response.Status.BAD_REQUEST).entity(new Problem(400, reason)).build();
    }
}
