package io.heraldo.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

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

import io.heraldo.audience.SubscriberImport;
import io.heraldo.audience.SubscriberRepository;
import io.heraldo.platform.Languages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * Subscribers: search by address, add one (as the admin import does: confirmed at once, the operator vouches for it),
 * unsubscribe one.
 */
@Path("/console/subscribers")
@Blocking
public class ConsoleSubscribersResource {

    private static final String PATH = "/console/subscribers";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance subscribers(ConsolePage p, String q, List<SubscriberSearch.Found> found,
                String outcome);
    }

    private final ConsoleResponses responses;
    private final SubscriberSearch search;
    private final SubscriberImport imports;
    private final SubscriberRepository repository;

    public ConsoleSubscribersResource(ConsoleResponses responses, SubscriberSearch search, SubscriberImport imports,
            SubscriberRepository repository) {
        this.responses = responses;
        this.search = search;
        this.imports = imports;
        this.repository = repository;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@Context ContainerRequestContext request, @QueryParam("q") String q,
            @QueryParam("outcome") String outcome) {
        ConsolePage page = responses.page(request, "subscribers");
        String text = q == null ? "" : q.strip();
        List<SubscriberSearch.Found> found = text.isEmpty() ? List.of() : search.containing(text);
        return responses.html(request, Response.Status.OK, Templates.subscribers(page, text, found,
                outcome == null ? null : outcome), page.lang());
    }

    /** Adds a subscriber: {@code email}, {@code locale}. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response add(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            MultivaluedMap<String, String> form) {
        ConsolePost post = responses.post(request, http, form, PATH, null);
        if (post.forged()) {
            return post.refusal();
        }
        String email = form.getFirst("email") == null ? "" : form.getFirst("email").strip();
        String wanted = form.getFirst("locale");
        String locale = wanted != null && Languages.supported().contains(wanted) ? wanted : Languages.supported().get(0);
        String outcome;
        // One CSV line of the admin import: an address that would break the line is refused before it.
        if (email.isEmpty() || email.chars().anyMatch(c -> c == ',' || c == '"' || c < 0x20)) {
            outcome = "invalid";
        } else {
            SubscriberImport.Report report = importOne(email, locale);
            outcome = report.imported() > 0 ? "added" : report.skipped() > 0 ? "known" : "invalid";
        }
        post.audit(PATH + "/add", null, 303);
        return Response.seeOther(URI.create(PATH + "?q=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&outcome=" + outcome)).build();
    }

    @POST
    @Path("{id}/unsubscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response unsubscribe(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            @PathParam("id") String id, MultivaluedMap<String, String> form) {
        ConsolePost post = responses.post(request, http, form, PATH + "/" + id + "/unsubscribe", id);
        if (post.forged()) {
            return post.refusal();
        }
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return ConsoleResponses.notFound("no subscriber '" + id + "'");
        }
        String email = repository.unsubscribe(uuid).map(s -> s.email()).orElse("");
        post.audit(PATH + "/" + id + "/unsubscribe", id, 303);
        return Response.seeOther(URI.create(PATH + "?q=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&outcome=unsubscribed")).build();
    }

    private SubscriberImport.Report importOne(String email, String locale) {
        String csv = "email,locale,components\n" + email + "," + locale + ",\n";
        try {
            return imports.importCsv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
