package io.heraldo.console;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

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

import io.heraldo.console.ChannelPreviews.Preview;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.site.PageSnapshots;
import io.heraldo.site.Statuspage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;

/**
 * Schedule a maintenance, update it (start, verify, complete) and cancel it: the same preview and publishing as an
 * incident's ({@code maintenance.scheduled}, {@code .updated}, {@code .started}, {@code .completed},
 * {@code .cancelled}), the window typed in the page's time zone.
 */
@Path("/console/maintenance")
@Blocking
public class ConsoleMaintenanceResource {

    private static final String PATH = "/console/maintenance";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** What the maintenance form shows around its fields. */
    public record MaintenanceView(MaintenanceForm f, boolean opening, String action, String zone,
            List<Statuspage.Component> components, List<String> errors, List<Preview> previews) {

        public List<String> statuses() {
            return opening ? List.of("scheduled") : List.of("scheduled", "in_progress", "verifying", "completed",
                    "cancelled");
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance maintenance(ConsolePage p, Statuspage.ScheduledMaintenance current,
                String published, List<DeliveryProgress.Progress> progress, MaintenanceView form);
    }

    private final ConsoleResponses responses;
    private final PageSnapshots snapshots;
    private final ChannelPreviews previews;
    private final IncidentEvents events;
    private final DeliveryProgress progress;
    private final ZoneId zone;

    public ConsoleMaintenanceResource(ConsoleResponses responses, PageSnapshots snapshots, ChannelPreviews previews,
            IncidentEvents events, DeliveryProgress progress, HeraldoConfig config) {
        this.responses = responses;
        this.snapshots = snapshots;
        this.previews = previews;
        this.events = events;
        this.progress = progress;
        this.zone = config.page().timeZone();
    }

    @GET
    @Path("new")
    @Produces(MediaType.TEXT_HTML)
    public Response newMaintenance(@Context ContainerRequestContext request) {
        ConsolePage page = responses.page(request, "maintenance");
        String id = "mnt-" + ConsoleIncidentsResource.newIncidentId().substring(4);
        return render(request, page, null, null, view(MaintenanceForm.scheduling(id), true, List.of(), null),
                Response.Status.OK);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response schedule(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            MultivaluedMap<String, String> submitted) {
        return submit(request, http, submitted, null);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response maintenance(@Context ContainerRequestContext request, @PathParam("id") String id,
            @QueryParam("event") String published) {
        ConsolePage page = responses.page(request, "maintenance");
        Optional<Statuspage.ScheduledMaintenance> current = snapshots.maintenance(snapshots.current(), id);
        if (current.isEmpty() && published == null) {
            return ConsoleResponses.notFound("no maintenance '" + id + "'");
        }
        MaintenanceForm form = MaintenanceForm.updating(id, current.map(Statuspage.ScheduledMaintenance::status)
                .orElse("scheduled"));
        return render(request, page, current.orElse(null), published, view(form, false, List.of(), null),
                Response.Status.OK);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response update(@Context ContainerRequestContext request, @Context HttpServerRequest http,
            @PathParam("id") String id, MultivaluedMap<String, String> submitted) {
        return submit(request, http, submitted, id);
    }

    private Response submit(ContainerRequestContext request, HttpServerRequest http,
            MultivaluedMap<String, String> submitted, String maintenanceId) {
        boolean opening = maintenanceId == null;
        String path = opening ? PATH : PATH + "/" + maintenanceId;
        ConsolePost post = responses.post(request, http, submitted, path, maintenanceId);
        if (post.forged()) {
            return post.refusal();
        }
        ConsolePage page = responses.page(request, "maintenance");
        MaintenanceForm read = MaintenanceForm.read(submitted);
        MaintenanceForm form = opening ? read : new MaintenanceForm(maintenanceId, read.eventId(), read.titleEs(),
                read.titleEn(), read.bodyEs(), read.bodyEn(), read.status(), read.scheduledFor(), read.scheduledUntil(),
                read.components(), read.notified());
        Optional<Statuspage.ScheduledMaintenance> current = opening ? Optional.empty()
                : snapshots.maintenance(snapshots.current(), maintenanceId);
        EventPublishing.Posted posted = new EventPublishing.Posted(form.id(), form.eventId(),
                () -> form.problems(opening, zone), () -> events.publishMaintenance(form, opening, post.actor(), zone),
                path, form.eventId(), PATH + "/" + EventPublishing.encoded(form.id()),
                () -> previews.maintenancePreviews(withWindow(form, current), opening,
                        current.map(Statuspage.ScheduledMaintenance::name).orElse(""), snapshots.current().components(),
                        zone));
        EventPublishing.Outcome outcome = EventPublishing.post(post, posted,
                "publish".equals(submitted.getFirst("action")), page.lang());
        if (outcome.published() != null) {
            return outcome.published();
        }
        return render(request, page, current.orElse(null), null,
                view(form, opening, outcome.errors(), outcome.previews()), outcome.status());
    }

    /** For the preview of an update that keeps the window: the current window. */
    private MaintenanceForm withWindow(MaintenanceForm form, Optional<Statuspage.ScheduledMaintenance> current) {
        if (current.isEmpty() || !form.scheduledFor().isEmpty() || !form.scheduledUntil().isEmpty()) {
            return form;
        }
        return new MaintenanceForm(form.id(), form.eventId(), form.titleEs(), form.titleEn(), form.bodyEs(),
                form.bodyEn(), form.status(), local(current.get().scheduledFor()), local(current.get().scheduledUntil()),
                form.components(), form.notified());
    }

    private String local(String time) {
        try {
            return time == null ? "" : LOCAL.format(OffsetDateTime.parse(time).atZoneSameInstant(zone));
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private Response render(ContainerRequestContext request, ConsolePage page,
            Statuspage.ScheduledMaintenance current, String published, MaintenanceView form, Response.Status status) {
        return responses.html(request, status, Templates.maintenance(page, current, published,
                form.opening() ? List.of() : progress.ofSubject(form.f().id(), 20), form), page.lang());
    }

    private MaintenanceView view(MaintenanceForm form, boolean opening, List<String> errors, List<Preview> shown) {
        String action = opening ? PATH : PATH + "/" + EventPublishing.encoded(form.id());
        return new MaintenanceView(form, opening, action, zone.getId(),
                snapshots.current().components().stream().filter(c -> !c.group()).toList(), errors, shown);
    }
}
