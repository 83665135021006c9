package io.heraldo.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

import io.heraldo.admin.AdminAudit;
import io.heraldo.console.ChannelPreviews.Preview;
import io.heraldo.console.ConsoleIncidentsResource.FormView;
import io.heraldo.console.ConsoleSessions.Session;
import io.heraldo.event.InvalidEventException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
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
    private final AdminAudit audit;

    public ConsoleNoticesResource(ConsoleResponses responses, ChannelPreviews previews, IncidentEvents events,
            AdminAudit audit) {
        this.responses = responses;
        this.previews = previews;
        this.events = events;
        this.audit = audit;
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
        Session session = ConsoleGate.session(request);
        String client = ConsoleResponses.client(http);
        Response forged = responses.forged(request, submitted, ACTION, null, client);
        if (forged != null) {
            return forged;
        }
        ConsolePage page = responses.page(request, "notice");
        IncidentForm form = IncidentForm.read(submitted);
        ConsoleMessages words = MessageBundles.get(ConsoleMessages.class, Localized.Literal.of(page.lang()));
        List<String> errors = form.id().isEmpty() ? List.of(words.field("id"))
                : form.noticeProblems().stream().map(problem -> problem.text().apply(words)).toList();
        boolean publish = "publish".equals(submitted.getFirst("action"));
        if (errors.isEmpty() && publish) {
            try {
                events.publishNotice(form, session.actor());
                audit.record(session.actor(), "POST", ACTION + "/" + form.id() + "/publish", form.eventId(), 303,
                        client);
                return Response.seeOther(URI.create(ACTION + "/new?event="
                        + URLEncoder.encode(form.eventId(), StandardCharsets.UTF_8))).build();
            } catch (InvalidEventException e) {
                errors = List.of(e.getMessage());
            }
        }
        List<Preview> shown = errors.isEmpty() ? previews.noticePreviews(form) : null;
        Response.Status status = errors.isEmpty() ? Response.Status.OK : Response.Status.BAD_REQUEST;
        audit.record(session.actor(), "POST", ACTION + "/" + form.id() + (publish ? "/publish" : "/preview"),
                form.eventId(), status.getStatusCode(), client);
        FormView view = new FormView(form, true, ACTION, List.of(), errors, shown);
        return responses.html(request, status, Templates.notice(page, view, null), page.lang());
    }

    /** {@code notice-20261130-1415-3fa9}. */
    static String newNoticeId() {
        byte[] random = new byte[2];
        ThreadLocalRandom.current().nextBytes(random);
        return "notice-" + ConsoleIncidentsResource.newIncidentId().substring(4, 17) + "-"
                + HexFormat.of().formatHex(random);
    }
}
