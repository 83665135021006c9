package io.heraldo.site.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import io.heraldo.site.RequestSnapshot;

/** {@code /history.atom}, {@code /history.rss} and {@code /maintenance.ics}, as {@link SiteFeeds} writes them. */
@Path("/")
public class FeedsResource {

    public static final String ATOM = "application/atom+xml; charset=UTF-8";
    public static final String RSS = "application/rss+xml; charset=UTF-8";
    public static final String CALENDAR = "text/calendar; charset=UTF-8";

    /** The snapshot the caching filter already read for its validators: one revision query per request. */
    private final RequestSnapshot snapshots;
    private final SiteFeeds feeds;

    public FeedsResource(RequestSnapshot snapshots, SiteFeeds feeds) {
        this.snapshots = snapshots;
        this.feeds = feeds;
    }

    @GET
    @Path("history.atom")
    @Produces(ATOM)
    public byte[] atom() {
        return feeds.at(snapshots.get()).atom();
    }

    @GET
    @Path("history.rss")
    @Produces(RSS)
    public byte[] rss() {
        return feeds.at(snapshots.get()).rss();
    }

    @GET
    @Path("maintenance.ics")
    @Produces(CALENDAR)
    public byte[] calendar() {
        return feeds.at(snapshots.get()).calendar();
    }
}
