package io.heraldo.fanout;

import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

import io.heraldo.channel.Channel;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Gauges of what is stored rather than what happened: the fan-out backlog per channel, disabled webhook endpoints and
 * subscribers by state. They are counted in the database every {@code heraldo.metrics.refresh-interval} and a scrape
 * reads the last counts, so however often Prometheus scrapes (and however many replicas it scrapes) the database
 * sees one round of counts per interval per replica. Every series exists, as zero, from start-up.
 */
@ApplicationScoped
public class StoredCounts {

    private static final Logger LOG = Logger.getLogger(StoredCounts.class);
    static final List<String> SUBSCRIBER_STATES = List.of("pending", "confirmed", "unsubscribed", "suppressed");

    private final Jdbi jdbi;
    private final Instance<Channel> channels;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> subscribers = new ConcurrentHashMap<>();
    private final AtomicLong disabledEndpoints = new AtomicLong();

    public StoredCounts(Jdbi jdbi, @Any Instance<Channel> channels, MeterRegistry registry) {
        this.jdbi = jdbi;
        this.channels = channels;
        this.registry = registry;
    }

    void register(@Observes StartupEvent startup) {
        for (Channel channel : channels) {
            AtomicLong value = backlog.computeIfAbsent(channel.name(), name -> new AtomicLong());
            Gauge.builder("heraldo.fanout.backlog", value, AtomicLong::get).tag("channel", channel.name())
                    .description("Deliveries pending, in flight or waiting to be retried, plus plans still being worked")
                    .register(registry);
        }
        for (String state : SUBSCRIBER_STATES) {
            AtomicLong value = subscribers.computeIfAbsent(state, s -> new AtomicLong());
            Gauge.builder("heraldo.subscribers", value, AtomicLong::get).tag("state", state)
                    .description("Email subscribers by state").register(registry);
        }
        Gauge.builder("heraldo.webhook.endpoints.disabled", disabledEndpoints, AtomicLong::get)
                .description("Webhook endpoints disabled after a 410 or after failing for heraldo.webhook.disable-after")
                .register(registry);
        refresh();
    }

    @Scheduled(every = "${heraldo.metrics.refresh-interval}", delayed = "${heraldo.metrics.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            jdbi.useHandle(handle -> {
                Map<String, Long> pending = new HashMap<>();
                // The delivery table has no index on state on purpose (its rows are updated in place), so this is one
                // sequential scan per interval; open plans and pages come from their partial indexes.
                handle.createQuery("""
                        select channel, count(*) from delivery where state in ('pending', 'sending', 'retrying')
                        group by channel
                        union all
                        select channel, sum(size - done_count) from delivery_page where not logged and state <> 'done'
                        group by channel
                        union all
                        select channel, count(*) from fanout_plan where not done group by channel""")
                        .map((rs, ctx) -> pending.merge(rs.getString(1), rs.getLong(2), Long::sum)).list();
                backlog.forEach((channel, value) -> value.set(pending.getOrDefault(channel, 0L)));
                Map<String, Long> byState = new HashMap<>();
                handle.createQuery("select state, count(*) from subscriber group by state")
                        .map((rs, ctx) -> byState.put(rs.getString(1), rs.getLong(2))).list();
                subscribers.forEach((state, value) -> value.set(byState.getOrDefault(state, 0L)));
                disabledEndpoints.set(handle.createQuery("select count(*) from webhook_endpoint where not enabled")
                        .mapTo(Long.class).one());
            });
        } catch (RuntimeException e) {
            // The last counts stay; readiness already tells when the database is gone.
            LOG.debugf("Stored counts not refreshed: %s", e.getMessage());
        }
    }
}
