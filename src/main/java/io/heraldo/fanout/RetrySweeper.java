package io.heraldo.fanout;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.heraldo.fanout.DeliveryPage.Ref;
import io.quarkus.scheduler.Scheduled;

/**
 * Puts work back on the topics: retries whose time came (as pages of retries), and pages whose record was lost with
 * the replica that held them — its lease ran out, or it died between recording a page and producing it. Retries wait
 * in the database rather than in a consumer, so a retry hours away holds nothing and survives restarts.
 */
@ApplicationScoped
public class RetrySweeper {

    private static final Logger LOG = Logger.getLogger(RetrySweeper.class);
    private static final int BATCH = 1_000;

    private final DeliveryPages pages;
    private final DeliveryTopic topic;
    private final FanoutConfig config;

    public RetrySweeper(DeliveryPages pages, DeliveryTopic topic, FanoutConfig config) {
        this.pages = pages;
        this.topic = topic;
        this.config = config;
    }

    @Scheduled(every = "${heraldo.fanout.sweep-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        try {
            List<Ref> lost;
            // A page may wait unclaimed behind a backlog for a while; one still unclaimed after two leases is produced
            // again (a page claimed meanwhile is skipped by whoever reads it second).
            while (!(lost = pages.lost(config.inFlightTimeout().multipliedBy(2), BATCH)).isEmpty()) {
                LOG.infof("Producing %d delivery pages again: their replica stopped before finishing them", lost.size());
                topic.send(lost);
                if (lost.size() < BATCH) {
                    break;
                }
            }
            List<Ref> due;
            while (!(due = pages.requeueDue(BATCH, config.pageSize())).isEmpty()) {
                topic.send(due);
                pages.produced(due.stream().map(Ref::id).toList());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Retry sweep failed, next one tries again: %s", e.getMessage());
        }
    }
}
