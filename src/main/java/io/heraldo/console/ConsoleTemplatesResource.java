package io.heraldo.console;

import java.net.URI;
import java.util.List;
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

import io.heraldo.console.IncidentTemplates.Saved;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/** Saved incident texts: list, create, edit, delete; each opens the incident form filled in. */
@Path("/console/templates")
@Blocking
public class ConsoleTemplatesResource {

    private static final String PATH = "/console/templates";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance templates(ConsolePage p, List<Saved> saved, Saved edited, List<String> errors);
    }

    private final ConsoleResponses responses;
    private final IncidentTemplates templates;

    public ConsoleTemplatesResource(ConsoleResponses responses, IncidentTemplates templates) {
        this.responses = responses;
        this.templates = templates;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@Context ContainerRequestContext request) {
        return page(request, Response.Status.OK, new Saved("", "", "", "", "", ""), List.of());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response edit(@Context ContainerRequestContext request, @PathParam("id") String id) {
        Optional<Saved> saved = templates.find(id);
        if (saved.isEmpty()) {
            return ConsoleResponses.notFound("no template '" + id + "'");
        }
        return page(request, Response.Status.OK, saved.get(), List.of());
    }

    /** Creates ({@code id} empty) or saves a template; {@code action=delete} deletes it. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response save(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            MultivaluedMap<String, String> form) {
        String id = value(form, "id");
        ConsolePost post = responses.post(request, http, form, PATH, id);
        if (post.forged()) {
            return post.refusal();
        }
        if ("delete".equals(form.getFirst("action")) && !id.isEmpty()) {
            boolean deleted = templates.delete(id);
            post.audit(PATH + "/" + id + "/delete", id, deleted ? 303 : 404);
            return Response.seeOther(URI.create(PATH)).build();
        }
        Saved typed = new Saved(id, value(form, "name"), value(form, "title.es"), value(form, "title.en"),
                value(form, "body.es"), value(form, "body.en"));
        if (typed.name().isEmpty() || typed.name().length() > 200 || typed.titleEs().length() > 200
                || typed.titleEn().length() > 200) {
            ConsoleMessages words = MessageBundles.get(ConsoleMessages.class,
                    Localized.Literal.of(responses.language(request)));
            post.audit(PATH, id, 400);
            return page(request, Response.Status.BAD_REQUEST, typed, List.of(words.templateNameRequired()));
        }
        String saved = templates.save(id.isEmpty() ? null : id, typed.name(), typed.titleEs(), typed.titleEn(),
                typed.bodyEs(), typed.bodyEn());
        post.audit(PATH + "/" + saved + "/save", saved, 303);
        return Response.seeOther(URI.create(PATH)).build();
    }

    private Response page(ContainerRequestContext request, Response.Status status, Saved edited, List<String> errors) {
        ConsolePage page = responses.page(request, "templates");
        return responses.html(request, status, Templates.templates(page, templates.all(), edited, errors), page.lang());
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }
}
