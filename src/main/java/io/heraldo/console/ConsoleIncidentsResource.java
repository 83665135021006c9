package io.heraldo.console;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

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

import io.heraldo.console.ChannelPreviews.Current;
import io.heraldo.console.ChannelPreviews.Preview;
import io.heraldo.site.PageSnapshot;
import io.heraldo.site.PageSnapshots;
import io.heraldo.site.Statuspage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * Open an incident, update and resolve it: a form with the field names of CONTRACT section 7, a preview of what every
 * channel will send in every language ({@code action=preview}, nothing is sent) and publishing
 * ({@code action=publish}: a CloudEvent on the events topic, {@code source} {@code /console/<actor>}). Every POST needs
 * the session's CSRF token and is audited under the signed-in actor.
 */
@Path("/console/incidents")
@Blocking
public class ConsoleIncidentsResource {

    /** What the incident form shows around its fields. */
    public record FormView(IncidentForm f, boolean opening, String action, List<Statuspage.Component> components,
            List<String> errors, List<Preview> previews) {

        /** Whether the form is about an incident (status, impact, components) rather than a notice. */
        public boolean incident() {
            return !action.startsWith("/console/notices");
        }

        public List<String> statuses() {
            return List.of("investigating", "identified", "monitoring", "resolved");
        }

        public List<String> impacts() {
            return List.of("none", "minor", "major", "critical");
        }

        public List<String> componentStatuses() {
            return List.of("operational", "degraded_performance", "partial_outage", "major_outage",
                    "under_maintenance");
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance open(ConsolePage p, FormView form);

        static native TemplateInstance incident(ConsolePage p, Statuspage.Incident incident, String published,
                List<DeliveryProgress.Progress> progress, FormView form);
    }

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private final ConsoleResponses responses;
    private final PageSnapshots snapshots;
    private final ChannelPreviews previews;
    private final IncidentEvents events;
    private final DeliveryProgress progress;
    private final IncidentTemplates templates;

    public ConsoleIncidentsResource(ConsoleResponses responses, PageSnapshots snapshots, ChannelPreviews previews,
            IncidentEvents events, DeliveryProgress progress, IncidentTemplates templates) {
        this.templates = templates;
        this.responses = responses;
        this.snapshots = snapshots;
        this.previews = previews;
        this.events = events;
        this.progress = progress;
    }

    @GET
    @Path("new")
    @Produces(MediaType.TEXT_HTML)
    public Response newIncident(@Context ContainerRequestContext request, @QueryParam("template") String template) {
        ConsolePage page = responses.page(request, "new-incident");
        IncidentForm blank = IncidentForm.opening(newIncidentId());
        IncidentForm form = template == null ? blank : templates.find(template).map(saved -> new IncidentForm(
                blank.id(), blank.eventId(), saved.titleEs(), saved.titleEn(), saved.bodyEs(), saved.bodyEn(),
                blank.status(), blank.impact(), blank.components(), blank.notified())).orElse(blank);
        return responses.html(request, Response.Status.OK, Templates.open(page, view(form, true, List.of(), null)),
                page.lang());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response open(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            MultivaluedMap<String, String> submitted) {
        return submit(request, http, submitted, null);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response incident(@Context ContainerRequestContext request, @PathParam("id") String id,
            @QueryParam("event") String published) {
        ConsolePage page = responses.page(request, "incident");
        Optional<Statuspage.Incident> incident = snapshots.incident(snapshots.current(), id);
        if (incident.isEmpty() && published == null) {
            return ConsoleResponses.notFound("no incident '" + id + "'");
        }
        IncidentForm form = incident.map(i -> IncidentForm.updating(id, i.status(), i.impact()))
                .orElse(IncidentForm.updating(id, "investigating", ""));
        return incidentPage(request, page, id, incident.orElse(null), published,
                view(form, false, List.of(), null), Response.Status.OK);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response update(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            @PathParam("id") String id, MultivaluedMap<String, String> submitted) {
        return submit(request, http, submitted, id);
    }

    /** A new incident ({@code incidentId} null) or an update: check, then preview or publish. */
    private Response submit(ContainerRequestContext request, HttpServerRequest http,
            MultivaluedMap<String, String> submitted, String incidentId) {
        boolean opening = incidentId == null;
        String path = opening ? "/console/incidents" : "/console/incidents/" + incidentId;
        ConsolePost post = responses.post(request, http, submitted, path, incidentId);
        if (post.forged()) {
            return post.refusal();
        }
        ConsolePage page = responses.page(request, opening ? "new-incident" : "incident");
        IncidentForm read = IncidentForm.read(submitted);
        IncidentForm form = opening ? read : withId(read, incidentId);
        Optional<Statuspage.Incident> current = opening ? Optional.empty()
                : snapshots.incident(snapshots.current(), incidentId);
        EventPublishing.Posted posted = new EventPublishing.Posted(form.id(), form.eventId(),
                () -> form.problems(opening), () -> events.publish(form, opening, post.actor()), path, form.id(),
                "/console/incidents/" + EventPublishing.encoded(form.id()),
                () -> previews.previews(form, current(opening, current), snapshots.current().components()));
        EventPublishing.Outcome outcome = EventPublishing.post(post, posted,
                "publish".equals(submitted.getFirst("action")), page.lang());
        if (outcome.published() != null) {
            return outcome.published();
        }
        Response.Status status = outcome.status();
        FormView view = view(form, opening, outcome.errors(), outcome.previews());
        if (opening) {
            return responses.html(request, status, Templates.open(page, view), page.lang());
        }
        return incidentPage(request, page, incidentId, current.orElse(null), null, view, status);
    }

    private Response incidentPage(ContainerRequestContext request, ConsolePage page, String id,
            Statuspage.Incident incident, String published, FormView form, Response.Status status) {
        return responses.html(request, status,
                Templates.incident(page, incident, published, progress.ofSubject(id, 20), form), page.lang());
    }

    private FormView view(IncidentForm form, boolean opening, List<String> errors, List<Preview> shown) {
        PageSnapshot snapshot = snapshots.current();
        String action = opening ? "/console/incidents" : "/console/incidents/" + EventPublishing.encoded(form.id());
        return new FormView(form, opening, action, snapshot.components().stream().filter(c -> !c.group()).toList(),
                errors, shown);
    }

    private static Current current(boolean opening, Optional<Statuspage.Incident> incident) {
        if (opening) {
            return null;
        }
        return incident.map(i -> new Current(i.name(), i.impact(), time(i.startedAt() != null ? i.startedAt()
                : i.createdAt()), "thread")).orElse(new Current("", "", null, "thread"));
    }

    private static OffsetDateTime time(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static IncidentForm withId(IncidentForm form, String id) {
        return new IncidentForm(id, form.eventId(), form.titleEs(), form.titleEn(), form.bodyEs(), form.bodyEn(),
                form.status(), form.impact(), form.components(), form.notified());
    }

    /** {@code inc-20261130-1415-3fa9}: readable, sortable, and unlikely to meet another's. */
    static String newIncidentId() {
        byte[] random = new byte[2];
        ThreadLocalRandom.current().nextBytes(random);
        return "inc-" + ID_TIME.format(OffsetDateTime.now(ZoneOffset.UTC)) + "-" + HexFormat.of().formatHex(random);
    }

}
