package io.heraldo.fanout;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Puts deliveries back on the topic: retries whose time came, and deliveries whose replica vanished mid-send.
 * Retries wait in the database rather than in a consumer, so a retry hours away holds nothing and survives restarts.
 */
@ApplicationScoped
public class RetrySweeper {

    private static final Logger LOG = Logger.getLogger(RetrySweeper.class);
    private static final int BATCH = 1_000;

    private final DeliveryLog log;
    private final DeliveryTopic topic;
    private final FanoutConfig config;

    public RetrySweeper(DeliveryLog log, DeliveryTopic topic, FanoutConfig config) {
        this.log = log;
        this.topic = topic;
        this.config = config;
    }

    @Scheduled(every = "${heraldo.fanout.sweep-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            int stale = log.releaseStale(config.inFlightTimeout());
            if (stale > 0) {
                LOG.warnf("%d deliveries were in flight on a replica that is gone; trying them again", stale);
            }
            while (log.requeueDue(BATCH, topic::send) == BATCH) {
                // more are due: keep going
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Retry sweep failed, next one tries again: %s", e.getMessage());
        }
    }
}
