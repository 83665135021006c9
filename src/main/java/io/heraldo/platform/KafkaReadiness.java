package io.heraldo.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka clients Heraldo makes itself: an admin client built like them ({@link KafkaClients})
 * describes the status events topic and every deliveries topic ({@code <heraldo.fanout.topic>.<channel>}), so a
 * broker they cannot reach, authenticate to or read those topics on makes the replica unready with the broker's own
 * words in {@code data.error}, instead of a fan-out that silently never sends.
 * (The messaging connector's clients, ingest and the outbox, have the connector's own readiness check.)
 * <p>
 * A probe is cheap: the answer is kept for {@link #CACHE_FOR}, and a probe waits at most {@link #TIMEOUT} for the
 * broker.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck, AutoCloseable {

    static final String NAME = "Kafka clients";
    static final Duration CACHE_FOR = Duration.ofSeconds(5);
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final KafkaClients clients;
    private final String deliveriesPrefix;
    private final String eventsTopic;
    private final Clock clock;
    private Admin admin;
    private HealthCheckResponse last;
    private Instant lastAt = Instant.MIN;

    @Inject
    public KafkaReadiness(KafkaClients clients, @ConfigProperty(name = "heraldo.fanout.topic") String deliveriesTopic,
            @ConfigProperty(name = "heraldo.events.topic") String eventsTopic, Clock clock) {
        this.clients = clients;
        this.deliveriesPrefix = deliveriesTopic + ".";
        this.eventsTopic = eventsTopic;
        this.clock = clock;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(lastAt.plus(CACHE_FOR))) {
            last = probe(now);
            lastAt = now;
        }
        return last;
    }

    private HealthCheckResponse probe(Instant now) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("bootstrap", clients.bootstrapServers())
                .withData("security", clients.securityProtocol())
                .withData("checkedAt", now.toString());
        try {
            if (admin == null) {
                admin = Admin.create(clients.admin("readiness"));
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<String> topics = new ArrayList<>();
            topics.add(eventsTopic);
            admin.listTopics(new ListTopicsOptions().timeoutMs((int) TIMEOUT.toMillis())).names()
                    .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).stream()
                    .filter(name -> name.startsWith(deliveriesPrefix)).sorted().forEach(topics::add);
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            Map<String, TopicDescription> described = admin
                    .describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) left))
                    .allTopicNames().get(left + 500, TimeUnit.MILLISECONDS);
            return response.up().withData("topics", String.join(",", described.keySet().stream().sorted().toList()))
                    .build();
        } catch (ExecutionException e) {
            return down(response, describe(e.getCause()));
        } catch (TimeoutException e) {
            return down(response, "no answer from the broker within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(response, "interrupted");
        } catch (RuntimeException e) {
            // A configuration the client refuses (a missing truststore, a JAAS line it cannot parse).
            return down(response, describe(e));
        }
    }

    /**
     * The admin client is dropped with a failed probe: after an authentication failure it keeps that failure, and
     * the next probe must ask the broker again (a user created or an ACL granted since).
     */
    private HealthCheckResponse down(HealthCheckResponseBuilder response, String error) {
        closeAdmin();
        return response.down().withData("error", error).build();
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @PreDestroy
    @Override
    public synchronized void close() {
        closeAdmin();
    }

    private void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
    }
}
