package io.heraldo.fanout;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

import io.heraldo.channel.Channel;
import io.heraldo.channel.Notification;
import io.heraldo.channel.Recipient;
import io.heraldo.platform.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Works the plans {@link NotificationLog} opened: for each (notification, channel) it reads the channel's audience a
 * page at a time, records the page's deliveries as pending, produces them to the deliveries topic and only then
 * moves the plan's cursor. A replica that dies mid-plan loses its lease; another resumes from the cursor, and the
 * page it repeats produces deliveries whose ids are already known, which the workers claim once.
 */
@ApplicationScoped
public class FanoutPlanner {

    private static final Logger LOG = Logger.getLogger(FanoutPlanner.class);

    private record Plan(String notificationId, String channel, String cursor, int pages) {
    }

    private final Jdbi jdbi;
    private final Instance<Channel> channels;
    private final DeliveryLog log;
    private final DeliveryPages pages;
    private final DeliveryTopic topic;
    private final FanoutConfig config;
    private final Traces traces;
    private final String replica = UUID.randomUUID().toString();
    /** A planner per channel: a 100,000-subscriber email plan never holds up the one tweet of the same change. */
    private final Map<String, ChannelPlanner> planners = new ConcurrentHashMap<>();
    /** Set when the application stops: no plan starts, and one cut short by the closing datasource is no warning. */
    private volatile boolean stopping;

    private final class ChannelPlanner {
        private final String channel;
        private final ExecutorService thread;
        private final AtomicBoolean queued = new AtomicBoolean();

        ChannelPlanner(String channel) {
            this.channel = channel;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread planner = new Thread(r, "heraldo-fanout-planner-" + channel);
                planner.setDaemon(true);
                return planner;
            });
        }

        void wake() {
            // A scheduler tick can still arrive while the application stops: nothing to plan then.
            if (!thread.isShutdown() && queued.compareAndSet(false, true)) {
                try {
                    thread.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    queued.set(false);
                }
            }
        }

        private void drain() {
            queued.set(false);
            try {
                Plan plan;
                while ((plan = claim(channel)) != null) {
                    work(plan);
                }
            } catch (RuntimeException e) {
                // The next tick tries again: plans and cursors are in the database.
                if (stopping) {
                    LOG.debugf("Fan-out planning for %s stopped with the application: %s", channel, e.getMessage());
                } else {
                    LOG.warnf("Fan-out planning for %s paused: %s", channel, e.getMessage());
                }
            }
        }
    }

    public FanoutPlanner(Jdbi jdbi, @Any Instance<Channel> channels, DeliveryLog log, DeliveryPages pages,
            DeliveryTopic topic, FanoutConfig config, Traces traces) {
        this.jdbi = jdbi;
        this.channels = channels;
        this.log = log;
        this.pages = pages;
        this.topic = topic;
        this.config = config;
        this.traces = traces;
    }

    /** Plans whatever is open, soon, on each channel's planner thread. */
    public void wake() {
        if (stopping) {
            return;
        }
        for (Channel channel : channels) {
            planners.computeIfAbsent(channel.name(), ChannelPlanner::new).wake();
        }
    }

    @Scheduled(every = "${heraldo.fanout.sweep-interval}", delayed = "2s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        wake();
    }

    private Plan claim(String channel) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                update fanout_plan set claimed_by = :replica, claimed_until = now() + make_interval(secs => :lease)
                where (notification_id, channel) = (
                    select notification_id, channel from fanout_plan
                    where channel = :channel and not done and (claimed_until is null or claimed_until < now())
                    order by notification_id limit 1 for update skip locked)
                returning notification_id, channel, cursor, pages""")
                .bind("replica", replica)
                .bind("lease", config.planLease().toMillis() / 1000.0)
                .bind("channel", channel)
                .map((rs, ctx) -> new Plan(rs.getString("notification_id"), rs.getString("channel"),
                        rs.getString("cursor"), rs.getInt("pages")))
                .findOne().orElse(null));
    }

    private void work(Plan plan) {
        Channel channel = channel(plan.channel());
        if (channel == null) {
            LOG.warnf("No channel '%s' in this build; plan of %s left for a replica that has it", plan.channel(),
                    plan.notificationId());
            return;
        }
        DeliveryLog.StoredNotification stored = log.notification(plan.notificationId());
        // The deliveries topic carries this span's context, so each send joins the event's trace.
        Span span = traces.startPlan(stored.traceParent(), plan.notificationId(), channel.name());
        try (Scope scope = span.makeCurrent()) {
            workPages(plan, channel, stored.notification());
        } finally {
            span.end();
        }
    }

    /**
     * A page at a time: recorded (with its number in the plan, so a resumed plan finds a page it recorded before),
     * produced, and only then the cursor moved past it.
     */
    private void workPages(Plan plan, Channel channel, Notification notification) {
        String cursor = plan.cursor();
        int number = plan.pages();
        while (true) {
            List<Recipient> recipients = channel.recipients(notification, cursor, config.pageSize());
            if (recipients.isEmpty()) {
                advance(plan, cursor, 0, 0, true);
                return;
            }
            DeliveryPages.Planned page = pages.plan(notification, channel.name(), number, recipients,
                    channel.logsEveryDelivery());
            topic.send(List.of(page.ref()));
            pages.produced(List.of(page.ref().id()));
            cursor = page.lastRecipientId();
            number++;
            if (!advance(plan, cursor, page.size(), 1, false)) {
                LOG.warnf("Lost the plan of %s/%s to another replica", plan.notificationId(), plan.channel());
                return;
            }
        }
    }

    /** Moves the cursor and renews the lease; false when the lease was lost meanwhile. */
    private boolean advance(Plan plan, String cursor, int planned, int pagesPlanned, boolean done) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                update fanout_plan set cursor = :cursor, planned = planned + :planned, pages = pages + :pages,
                       done = :done, claimed_until = now() + make_interval(secs => :lease)
                where notification_id = :notification and channel = :channel and claimed_by = :replica""")
                .bind("cursor", cursor)
                .bind("planned", planned)
                .bind("pages", pagesPlanned)
                .bind("done", done)
                .bind("lease", config.planLease().toMillis() / 1000.0)
                .bind("notification", plan.notificationId())
                .bind("channel", plan.channel())
                .bind("replica", replica)
                .execute() == 1);
    }

    private Channel channel(String name) {
        for (Channel channel : channels) {
            if (channel.name().equals(name)) {
                return channel;
            }
        }
        return null;
    }

    /** At the start of shutdown, while the datasource is still open: no new plan starts; the one running may end. */
    void stopping(@Observes ShutdownEvent shutdown) {
        stopping = true;
        planners.values().forEach(planner -> planner.thread.shutdown());
    }

    @PreDestroy
    void stop() {
        planners.values().forEach(planner -> planner.thread.shutdownNow());
    }
}
