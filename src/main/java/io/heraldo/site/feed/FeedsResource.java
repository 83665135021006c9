package io.heraldo.site.feed;

import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.heraldo.site.PublicRequest;

/** {@code /history.atom}, {@code /history.rss} and {@code /maintenance.ics}, as {@link SiteFeeds} writes them. */
@Path("/")
public class FeedsResource {

    public static final String ATOM = "application/atom+xml;charset=UTF-8";
    public static final String RSS = "application/rss+xml;charset=UTF-8";
    public static final String CALENDAR = "text/calendar;charset=UTF-8";

    private final PublicRequest request;
    private final SiteFeeds feeds;

    public FeedsResource(PublicRequest request, SiteFeeds feeds) {
        this.request = request;
        this.feeds = feeds;
    }

    @GET
    @Path("history.atom")
    @Produces(ATOM)
    public Response atom() {
        return document(SiteFeeds.Documents::atom, ATOM);
    }

    @GET
    @Path("history.rss")
    @Produces(RSS)
    public Response rss() {
        return document(SiteFeeds.Documents::rss, RSS);
    }

    @GET
    @Path("maintenance.ics")
    @Produces(CALENDAR)
    public Response calendar() {
        return document(SiteFeeds.Documents::calendar, CALENDAR);
    }

    private Response document(Function<SiteFeeds.Documents, byte[]> document, String type) {
        return request.respond(() -> document.apply(feeds.at(request.snapshot())), HttpHeaders.CONTENT_TYPE, type);
    }
}
