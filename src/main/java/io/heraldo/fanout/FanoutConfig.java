package io.heraldo.fanout;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.fanout.*}: how deliveries are planned, spread and retried. */
@ConfigMapping(prefix = "heraldo.fanout")
public interface FanoutConfig {

    /** The deliveries topics' prefix: one topic per channel, {@code <topic>.<channel>}, records keyed by page. */
    @WithDefault("heraldo-deliveries")
    String topic();

    /**
     * Partitions of that topic when Heraldo creates it: the most consumers (replicas × {@link #workersPerChannel()})
     * that can share one channel's work. Consumers beyond that count idle.
     */
    @WithDefault("12")
    int partitions();

    /**
     * Recipients per page: read from the audience, recorded as one row, produced as one record, claimed and sent
     * together. Memory holds a few pages, never the audience.
     */
    @WithDefault("500")
    int pageSize();

    /** How long a replica may hold a plan before another may take it over. */
    @WithDefault("30s")
    Duration planLease();

    /**
     * The lease of a page being sent. Its worker renews it every third of this while it sends, so only a replica
     * that stopped (killed, frozen, cut off from the database) lets it run out; then another replica takes the page
     * over and sends what was not recorded.
     */
    @WithDefault("15s")
    Duration inFlightTimeout();

    /**
     * Outcomes recorded together (and at least every {@link #recordInterval()}). It bounds the duplicates a killed
     * replica can cause: per worker of a channel, at most this many sends plus the channel's in-flight sends were
     * made but not recorded.
     */
    @WithDefault("50")
    int recordBatch();

    /** The longest a worker keeps outcomes before recording them, however few. */
    @WithDefault("250ms")
    Duration recordInterval();

    /**
     * Consumers of one channel on one replica. Each claims, sends and records its own pages, so one's database
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
