package io.heraldo.fanout;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.fanout.*}: how deliveries are planned, spread and retried. */
@ConfigMapping(prefix = "heraldo.fanout")
public interface FanoutConfig {

    /** The topic deliveries are spread through, keyed by recipient. */
    @WithDefault("heraldo-deliveries")
    String topic();

    /**
     * Partitions of that topic when Heraldo creates it: the most consumers (replicas × {@link #workersPerChannel()})
     * that can share one channel's work. Consumers beyond that count idle.
     */
    @WithDefault("12")
    int partitions();

    /** Recipients read from the audience and produced per step; memory holds one page, never the audience. */
    @WithDefault("1000")
    int pageSize();

    /** How long a replica may hold a plan before another may take it over. */
    @WithDefault("30s")
    Duration planLease();

    /**
     * A delivery claimed longer ago than this without an outcome is taken to be lost with its replica and is tried
     * again. Deliveries of that window are the only ones that can reach a recipient twice.
     */
    @WithDefault("2m")
    Duration inFlightTimeout();

    /**
     * Deliveries claimed, sent and recorded together. It bounds the duplicates a killed replica can cause: at most
     * this many per worker of a channel ({@link #workersPerChannel()}) were sent but not yet recorded as sent.
     */
    @WithDefault("100")
    int claimBatch();

    /**
     * Consumers of one channel on one replica. Each claims, sends and records its own batches, so one's database
     * round trips overlap another's sending.
     */
    @WithDefault("2")
    int workersPerChannel();

    /**
     * How long the broker waits for a silent delivery consumer before handing its partitions to the others: how soon
     * the replicas still running pick up the records of one that was killed. A heartbeat goes every third of it.
     */
    @WithDefault("10s")
    Duration consumerSessionTimeout();

    /** How often plans are looked at and due retries re-queued. */
    @WithDefault("1s")
    Duration sweepInterval();
}
