package io.heraldo.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.heraldo.site.PageSnapshot;
import io.heraldo.site.PageSnapshots;
import io.heraldo.site.Statuspage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;

/** The console's dashboard and its stylesheet. */
@Path("/console")
@Blocking
public class ConsoleResource {

    /** What the dashboard shows. */
    public record Dashboard(List<Statuspage.Component> components, List<Statuspage.Incident> incidents,
            List<Statuspage.ScheduledMaintenance> maintenances, List<DeliveryProgress.Progress> notifications) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(ConsolePage p, Dashboard d);

        static native TemplateInstance progress(List<DeliveryProgress.Progress> notifications);
    }

    private static final String CSS = read("/console/console.css");
    private static final String SCRIPT = read("/console/refresh.js");

    private final ConsoleResponses responses;
    private final PageSnapshots snapshots;
    private final DeliveryProgress progress;

    public ConsoleResource(ConsoleResponses responses, PageSnapshots snapshots, DeliveryProgress progress) {
        this.responses = responses;
        this.snapshots = snapshots;
        this.progress = progress;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response dashboard(@Context ContainerRequestContext request) {
        ConsolePage page = responses.page(request, "dashboard");
        PageSnapshot snapshot = snapshots.current();
        List<Statuspage.ScheduledMaintenance> maintenances = new ArrayList<>(snapshot.activeMaintenances());
        maintenances.addAll(snapshot.upcomingMaintenances());
        Dashboard dashboard = new Dashboard(snapshot.components().stream().filter(c -> !c.group()).toList(),
                snapshot.unresolvedIncidents(), maintenances, progress.latest(10));
        return responses.html(request, Response.Status.OK, Templates.dashboard(page, dashboard), page.lang());
    }

    /**
     * The latest notifications alone (of one incident or maintenance with {@code ?subject=}), for the live refresh of
     * the dashboard and of an incident's page.
     */
    @GET
    @Path("progress")
    @Produces(MediaType.TEXT_HTML)
    public Response progress(@Context ContainerRequestContext request, @QueryParam("subject") String subject) {
        String lang = responses.language(request);
        List<DeliveryProgress.Progress> latest = subject == null || subject.isBlank() ? progress.latest(10)
                : progress.ofSubject(subject, 20);
        return responses.html(request, Response.Status.OK, Templates.progress(latest), lang);
    }

    @GET
    @Path("refresh.js")
    @Produces("text/javascript")
    public Response script() {
        return Response.ok(SCRIPT).type("text/javascript; charset=UTF-8").header("Cache-Control", "max-age=300")
                .build();
    }

    @GET
    @Path("style.css")
    @Produces("text/css")
    public Response style() {
        return Response.ok(CSS).type("text/css; charset=UTF-8").header("Cache-Control", "max-age=300").build();
    }

    private static String read(String resource) {
        try (InputStream in = ConsoleResource.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
