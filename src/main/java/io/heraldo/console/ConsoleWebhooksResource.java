package io.heraldo.console;

import java.net.URI;
import java.util.List;

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

import io.heraldo.channel.TargetRules;
import io.heraldo.channel.webhook.WebhookEndpoint;
import io.heraldo.channel.webhook.WebhookEndpoints;
import io.heraldo.channel.webhook.WebhookRegistration;
import io.heraldo.channel.webhook.WebhookSecret;
import io.heraldo.platform.http.TargetGuard;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * Webhook endpoints: listed (secrets masked), added (the URL checked as the admin API checks it; the secret shown
 * once, on the answer to the add), removed.
 */
@Path("/console/webhooks")
@Blocking
public class ConsoleWebhooksResource {

    private static final String PATH = "/console/webhooks";

    /** An endpoint as the console lists it: never the whole secret. */
    public record Listed(String id, String url, String events, String secret, boolean enabled, String disabledReason) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance webhooks(ConsolePage p, List<Listed> endpoints, String error, String url,
                String createdSecret);
    }

    private final ConsoleResponses responses;
    private final WebhookEndpoints endpoints;
    private final WebhookRegistration registration;

    public ConsoleWebhooksResource(ConsoleResponses responses, WebhookEndpoints endpoints, TargetRules rules) {
        this.responses = responses;
        this.endpoints = endpoints;
        this.registration = new WebhookRegistration(new TargetGuard(rules.allowPrivateTargets()));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@Context ContainerRequestContext request) {
        return page(request, Response.Status.OK, null, "", null);
    }

    /** Adds an endpoint: {@code url}, {@code events} (optional, comma-separated types). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response add(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            MultivaluedMap<String, String> form) {
        ConsolePost post = responses.post(request, http, form, PATH, null);
        if (post.forged()) {
            return post.refusal();
        }
        String url = value(form, "url");
        String events = value(form, "events");
        List<String> types = events.isEmpty() ? null
                : List.of(events.split("\\s*,\\s*")).stream().filter(t -> !t.isBlank()).toList();
        try {
            WebhookRegistration.Valid valid = registration.validate(new WebhookRegistration.Request(url, types, null,
                    null));
            WebhookEndpoint created = endpoints.create(valid.url(), valid.secret(), valid.events(), valid.components());
            post.audit(PATH + "/add", created.id(), 201);
            return page(request, Response.Status.CREATED, null, "", created.secret());
        } catch (WebhookRegistration.InvalidWebhook e) {
            post.audit(PATH + "/add", null, 400);
            return page(request, Response.Status.BAD_REQUEST, e.getMessage(), url, null);
        }
    }

    @POST
    @Path("{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response remove(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            @PathParam("id") String id, MultivaluedMap<String, String> form) {
        ConsolePost post = responses.post(request, http, form, PATH + "/" + id + "/remove", id);
        if (post.forged()) {
            return post.refusal();
        }
        boolean removed = endpoints.delete(id);
        post.audit(PATH + "/" + id + "/remove", id, removed ? 303 : 404);
        return Response.seeOther(URI.create(PATH)).build();
    }

    private Response page(ContainerRequestContext request, Response.Status status, String error, String url,
            String createdSecret) {
        ConsolePage page = responses.page(request, "webhooks");
        List<Listed> listed = endpoints.all().stream().map(e -> new Listed(e.id(), e.url(),
                e.events() == null || e.events().isEmpty() ? "*" : String.join(", ", e.events()),
                WebhookSecret.parse(e.secret()).masked(), e.enabled(), e.disabledReason())).toList();
        return responses.html(request, status, Templates.webhooks(page, listed, error, url, createdSecret),
                page.lang());
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }

}
