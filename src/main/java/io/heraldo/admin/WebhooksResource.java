package io.heraldo.admin;

import java.net.URI;
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
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.TargetRules;
import io.heraldo.channel.webhook.WebhookChannel;
import io.heraldo.channel.webhook.WebhookEndpoint;
import io.heraldo.channel.webhook.WebhookEndpoints;
import io.heraldo.channel.webhook.WebhookRegistration;
import io.heraldo.channel.webhook.WebhookSecret;
import io.heraldo.fanout.DeliveryLog;
import io.heraldo.platform.Problem;
import io.heraldo.platform.http.TargetGuard;
import io.smallrye.common.annotation.Blocking;

/** Operators register webhook endpoints, see what was sent to them, and send a delivery again. */
@Path("/admin/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    private final WebhookEndpoints endpoints;
    private final WebhookRegistration registration;
    private final DeliveryLog log;
    private final ObjectMapper json;

    public WebhooksResource(WebhookEndpoints endpoints, TargetRules rules, DeliveryLog log, ObjectMapper json) {
        this.endpoints = endpoints;
        this.registration = new WebhookRegistration(new TargetGuard(rules.allowPrivateTargets()));
        this.log = log;
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** {@code 201 {"id", "secret"}}: the only answer that shows the whole secret. */
    @POST
    @Blocking
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    public Response register(byte[] body) {
        WebhookRegistration.Request request;
        try {
            request = json.readValue(body, WebhookRegistration.Request.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            return badRequest(e.getPropertyName() + ": unknown field; the fields are url, events, components, secret");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().get(0).getFieldName();
            return badRequest(field + ": wrong type (url and secret are strings, events and components lists of strings)");
        } catch (JsonProcessingException e) {
            return badRequest("body: not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return badRequest("body: unreadable");
        }
        if (request == null) {
            return badRequest("body: a JSON object {\"url\", \"events\"?, \"components\"?, \"secret\"?} is required");
        }
        WebhookRegistration.Valid valid;
        try {
            valid = registration.validate(request);
        } catch (WebhookRegistration.InvalidWebhook e) {
            return badRequest(e.getMessage());
        }
        WebhookEndpoint endpoint = endpoints.create(valid.url(), valid.secret(), valid.events(), valid.components());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", endpoint.id());
        answer.put("secret", endpoint.secret());
        return Response.created(URI.create("/admin/v1/webhooks/" + endpoint.id())).entity(answer).build();
    }

    @GET
    @Blocking
    public List<Map<String, Object>> list() {
        return endpoints.all().stream().map(WebhooksResource::view).toList();
    }

    @GET
    @Path("{id}")
    @Blocking
    public Response one(@PathParam("id") String id) {
        return endpoints.find(id).map(e -> Response.ok(view(e)).build()).orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("{id}")
    @Blocking
    public Response delete(@PathParam("id") String id) {
        return endpoints.delete(id) ? Response.noContent().build() : notFound(id);
    }

    /** The latest deliveries to the endpoint, newest first, each with every attempt (status code, duration, error). */
    @GET
    @Path("{id}/deliveries")
    @Blocking
    public Response deliveries(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (endpoints.find(id).isEmpty()) {
            return notFound(id);
        }
        if (limit < 1 || limit > 500) {
            return badRequest("limit: between 1 and 500");
        }
        return Response.ok(log.deliveriesTo(WebhookChannel.NAME, id, limit)).build();
    }

    /** Sends a delivery again with the same {@code webhook-id}: {@code 202}, it goes out within a sweep. */
    @POST
    @Path("{id}/deliveries/{deliveryId}/replay")
    @Blocking
    public Response replay(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        Optional<WebhookEndpoint> endpoint = endpoints.find(id);
        if (endpoint.isEmpty()) {
            return notFound(id);
        }
        if (!endpoints.deliveredTo(id, deliveryId)) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(new Problem(404, "deliveryId: no delivery '" + deliveryId + "' to webhook " + id)).build();
        }
        if (!endpoint.get().enabled()) {
            return Response.status(Response.Status.CONFLICT).entity(new Problem(409,
                    "id: webhook " + id + " is disabled (" + endpoint.get().disabledReason() + "); register it again"))
                    .build();
        }
        if (!log.replay(WebhookChannel.NAME, deliveryId)) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(new Problem(409, "deliveryId: " + deliveryId + " is being sent right now")).build();
        }
        return Response.accepted(Map.of("id", deliveryId)).build();
    }

    private static Map<String, Object> view(WebhookEndpoint e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id());
        view.put("url", e.url());
        view.put("events", e.events());
        view.put("components", e.components());
        view.put("secret", WebhookSecret.parse(e.secret()).masked());
        view.put("enabled", e.enabled());
        view.put("disabledReason", e.disabledReason());
        view.put("failingSince", e.failingSince());
        view.put("createdAt", e.createdAt());
        return view;
    }

    private static Response notFound(String id) {
        return Response.status(Response.Status.NOT_FOUND).entity(new Problem(404, "id: no webhook '" + id + "'")).build();
    }

    private static Response badRequest(String reason) {
        return Response.status(Response.Status.BAD_REQUEST).entity(new Problem(400, reason)).build();
    }
}
