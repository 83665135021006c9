package io.heraldo.fanout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The heartbeat of the pages a replica is sending: every third of the lease, one statement renews them all, so the
 * lease can be short (a killed replica's pages are taken over within seconds) without a slow page being taken for
 * dead. A page whose lease could not be renewed because another replica holds it now is marked lost.
 */
final class Leases implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Leases.class);

    private final DeliveryPages pages;
    private final String replica;
    private final Duration lease;
    private final Map<String, PageRun> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heraldo-page-leases");
        thread.setDaemon(true);
        return thread;
    });

    Leases(DeliveryPages pages, String replica, Duration lease) {
        this.pages = pages;
        this.replica = replica;
        this.lease = lease;
        long every = Math.max(100, lease.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    void hold(PageRun run) {
        held.put(run.page().id(), run);
    }

    void drop(PageRun run) {
        held.remove(run.page().id());
    }

    private void renew() {
        if (held.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(held.keySet());
        try {
            Set<String> still = pages.renew(ids, replica, lease);
            for (String id : ids) {
                PageRun run = held.get(id);
                if (!still.contains(id) && run != null && !run.finished()) {
                    run.lose();
                    LOG.warnf("Page %s was taken over by another replica; this one stops sending it", id);
                }
            }
        } catch (RuntimeException e) {
            // The next beat tries again; a lease that runs out meanwhile is taken over, and recording then fails.
            LOG.warnf("Could not renew the leases of %d pages: %s", ids.size(), e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
