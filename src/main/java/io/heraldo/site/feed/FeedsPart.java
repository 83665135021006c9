package io.heraldo.site.feed;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.site.PageSnapshot;
import io.heraldo.site.SitePart;

/** The feeds and the calendar in the static copy, at the paths the live site serves them. */
@ApplicationScoped
public class FeedsPart implements SitePart {

    private final SiteFeeds feeds;

    public FeedsPart(SiteFeeds feeds) {
        this.feeds = feeds;
    }

    @Override
    public void write(PageSnapshot snapshot, SiteFiles files) throws IOException {
        SiteFeeds.Documents documents = feeds.at(snapshot);
        files.put("history.atom", documents.atom());
        files.put("history.rss", documents.rss());
        files.put("maintenance.ics", documents.calendar());
    }
}
