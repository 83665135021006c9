package io.heraldo.audience;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import io.heraldo.platform.KafkaClients;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes sure {@code heraldo-subscribers} exists and is compacted before anything is published to it: a topic the
 * broker created by itself on first use would delete old records instead of keeping the last one per subscriber.
 */
@ApplicationScoped
public class SubscriberTopic {

    private static final Logger LOG = Logger.getLogger(SubscriberTopic.class);

    private final KafkaClients kafka;
    private final String topic;
    private volatile boolean ready;

    public SubscriberTopic(KafkaClients kafka, SubscribersConfig config) {
        this.kafka = kafka;
        this.topic = config.topic();
    }

    public String name() {
        return topic;
    }

    void onStart(@Observes StartupEvent start) {
        ensure();
    }

    /** Creates the topic when missing; true once it is known to exist. Failures are logged and retried on next call. */
    public boolean ensure() {
        if (ready) {
            return true;
        }
        synchronized (this) {
            if (ready) {
                return true;
            }
            try (AdminClient admin = AdminClient.create(kafka.admin("subscribers"))) {
                NewTopic compacted = new NewTopic(topic, Optional.empty(), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(compacted)).all().get(30, TimeUnit.SECONDS);
                    LOG.infof("Created the compacted topic %s", topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    warnUnlessCompacted(admin);
                }
                ready = true;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.warnf("Cannot make sure the topic %s exists yet (%s); subscriber changes wait in the outbox", topic,
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ready;
        }
    }

    private void warnUnlessCompacted(AdminClient admin) throws InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (policy == null || !policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                LOG.warnf("The topic %s has cleanup.policy=%s: set it to compact, or old subscriber changes will be "
                        + "deleted and a restore will miss subscribers", topic, policy);
            }
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("Could not read the configuration of %s: %s", topic, e.getMessage());
        }
    }
}
