package io.heraldo.site.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import io.heraldo.site.PageSnapshots;

/** {@code /history.atom}, {@code /history.rss} and {@code /maintenance.ics}, as {@link SiteFeeds} writes them. */
@Path("/")
public class FeedsResource {

    public static final String ATOM = "application/atom+xml; charset=UTF-8";
    public static final String RSS = "application/rss+xml; charset=UTF-8";
    public static final String CALENDAR = "text/calendar; charset=UTF-8";

    private final PageSnapshots snapshots;
    private final SiteFeeds feeds;

    public FeedsResource(PageSnapshots snapshots, SiteFeeds feeds) {
        this.snapshots = snapshots;
        this.feeds = feeds;
    }

    @GET
    @Path("history.atom")
    @Produces(ATOM)
    public byte[] atom() {
        return feeds.at(snapshots.current()).atom();
    }

    @GET
    @Path("history.rss")
    @Produces(RSS)
    public byte[] rss() {
        return feeds.at(snapshots.current()).rss();
    }

    @GET
    @Path("maintenance.ics")
    @Produces(CALENDAR)
    public byte[] calendar() {
        return feeds.at(snapshots.current()).calendar();
    }
}
