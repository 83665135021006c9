package io.heraldo.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.channel.SendResult;
import io.heraldo.channel.chat.ChatChannel;
import io.heraldo.channel.chat.ChatDestination;
import io.heraldo.channel.chat.ChatDestinations;
import io.heraldo.channel.chat.ChatService;
import io.heraldo.channel.chat.DestinationRegistration;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * Chat destinations (CONTRACT section 6): listed (tokens and webhook URL paths masked), added (checked as the admin
 * API checks them), removed, and sent a test message.
 */
@Path("/console/destinations")
@Blocking
public class ConsoleDestinationsResource {

    private static final String PATH = "/console/destinations";
    /** The form's fields; each service takes the ones it needs (section 6). */
    static final List<String> FIELDS = List.of("url", "token", "channel", "chatId", "homeserver", "roomId",
            "accessToken");

    /** A destination as the console lists it. */
    public record Listed(String id, String type, String name, String fields, String lang, boolean enabled,
            String disabledReason) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance destinations(ConsolePage p, List<Listed> destinations, List<String> types,
                List<String> fields, String error, String outcome);
    }

    private final ConsoleResponses responses;
    private final ChatDestinations destinations;
    private final ChatChannel channel;
    private final DestinationRegistration registration;
    private final ObjectMapper json;

    public ConsoleDestinationsResource(ConsoleResponses responses, ChatDestinations destinations, ChatChannel channel,
            ObjectMapper json) {
        this.responses = responses;
        this.destinations = destinations;
        this.channel = channel;
        this.registration = channel.registration();
        this.json = json;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@Context ContainerRequestContext request) {
        return page(request, Response.Status.OK, null, null);
    }

    /** Adds a destination: {@code type}, {@code name}, {@code lang} and the fields its service needs. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response add(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            MultivaluedMap<String, String> form) {
        ConsolePost post = responses.post(request, http, form, PATH, null);
        if (post.forged()) {
            return post.refusal();
        }
        ObjectNode requested = json.createObjectNode();
        for (String field : concat("type", "name", "lang")) {
            String value = form.getFirst(field);
            if (value != null && !value.isBlank()) {
                requested.put(field, value.strip());
            }
        }
        try {
            ChatDestination created = destinations.create(registration.validate(requested));
            post.audit(PATH + "/add", created.id(), 303);
            return Response.seeOther(URI.create(PATH)).build();
        } catch (ChatService.InvalidDestination e) {
            post.audit(PATH + "/add", null, 400);
            return page(request, Response.Status.BAD_REQUEST, e.getMessage(), null);
        }
    }

    @POST
    @Path("{id}/{action: remove|test}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response act(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            @PathParam("id") String id, @PathParam("action") String action, MultivaluedMap<String, String> form) {
        String path = PATH + "/" + id + "/" + action;
        ConsolePost post = responses.post(request, http, form, path, id);
        if (post.forged()) {
            return post.refusal();
        }
        Optional<ChatDestination> destination = destinations.find(id);
        if (destination.isEmpty()) {
            post.audit(path, id, 404);
            return Response.seeOther(URI.create(PATH)).build();
        }
        if (action.equals("remove")) {
            destinations.delete(id);
            post.audit(path, id, 303);
            return Response.seeOther(URI.create(PATH)).build();
        }
        SendResult result = channel.test(destination.get()).result();
        String outcome = result instanceof SendResult.Sent sent ? "sent " + sent.statusCode()
                : result instanceof SendResult.Retry retry ? "failed " + retry.statusCode() + ": " + retry.reason()
                : result instanceof SendResult.Failed failed ? "failed " + failed.statusCode() + ": " + failed.reason()
                : String.valueOf(result);
        post.audit(path, id, 200);
        return page(request, Response.Status.OK, null, destination.get().name() + ": " + outcome);
    }

    private Response page(ContainerRequestContext request, Response.Status status, String error, String outcome) {
        ConsolePage page = responses.page(request, "destinations");
        List<Listed> listed = new ArrayList<>();
        for (ChatDestination d : destinations.all()) {
            ChatService service = channel.services().get(d.type());
            Map<String, String> masked = service == null ? Map.of() : service.masked(d.fields());
            listed.add(new Listed(d.id(), d.type(), d.name(), masked.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).sorted().reduce((a, b) -> a + ", " + b).orElse(""),
                    d.lang(), d.enabled(), d.disabledReason()));
        }
        List<String> types = channel.services().keySet().stream().sorted().toList();
        return responses.html(request, status, Templates.destinations(page, listed, types, FIELDS, error, outcome),
                page.lang());
    }

    private static List<String> concat(String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(FIELDS);
        return all;
    }

}
