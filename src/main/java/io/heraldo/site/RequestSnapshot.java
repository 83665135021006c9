package io.heraldo.site;

import jakarta.enterprise.context.RequestScoped;

/**
 * The snapshot of one request, read once: the caching filter reads the revision before the page is made, and the
 * page is made from that same snapshot (one small query per request instead of two).
 */
@RequestScoped
public class RequestSnapshot {

    private final PageSnapshots snapshots;
    private PageSnapshot snapshot;

    public RequestSnapshot(PageSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    public PageSnapshot get() {
        if (snapshot == null) {
            snapshot = snapshots.current();
        }
        return snapshot;
    }
}
