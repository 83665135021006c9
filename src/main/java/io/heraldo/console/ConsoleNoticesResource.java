package io.heraldo.console;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.heraldo.console.ConsoleIncidentsResource.FormView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * Publish a notice (an announcement: a new support address, say) as {@code notice.published}: the same form, preview
 * and publishing as an incident's, without status, impact or components.
 */
@Path("/console/notices")
@Blocking
public class ConsoleNoticesResource {

    private static final String ACTION = "/console/notices";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notice(ConsolePage p, FormView form, String published);
    }

    private final ConsoleResponses responses;
    private final ChannelPreviews previews;
    private final IncidentEvents events;

    public ConsoleNoticesResource(ConsoleResponses responses, ChannelPreviews previews, IncidentEvents events) {
        this.responses = responses;
        this.previews = previews;
        this.events = events;
    }

    @GET
    @Path("new")
    @Produces(MediaType.TEXT_HTML)
    public Response newNotice(@Context ContainerRequestContext request, @QueryParam("event") String published) {
        ConsolePage page = responses.page(request, "notice");
        FormView form = new FormView(IncidentForm.notice(newNoticeId()), true, ACTION, List.of(), List.of(), null);
        return responses.html(request, Response.Status.OK, Templates.notice(page, form, published), page.lang());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            MultivaluedMap<String, String> submitted) {
        ConsolePost post = responses.post(request, http, submitted, ACTION, null);
        if (post.forged()) {
            return post.refusal();
        }
        ConsolePage page = responses.page(request, "notice");
        IncidentForm form = IncidentForm.read(submitted);
        EventPublishing.Posted posted = new EventPublishing.Posted(form.id(), form.eventId(), form::noticeProblems,
                () -> events.publishNotice(form, post.actor()), ACTION + "/" + form.id(), form.eventId(),
                ACTION + "/new", () -> previews.noticePreviews(form));
        EventPublishing.Outcome outcome = EventPublishing.post(post, posted,
                "publish".equals(submitted.getFirst("action")), page.lang());
        if (outcome.published() != null) {
            return outcome.published();
        }
        FormView view = new FormView(form, true, ACTION, List.of(), outcome.errors(), outcome.previews());
        return responses.html(request, outcome.status(), Templates.notice(page, view, null), page.lang());
    }

    /** {@code notice-20261130-1415-3fa9}. */
    static String newNoticeId() {
        byte[] random = new byte[2];
        ThreadLocalRandom.current().nextBytes(random);
        return "notice-" + ConsoleIncidentsResource.newIncidentId().substring(4, 17) + "-"
                + HexFormat.of().formatHex(random);
    }
}
