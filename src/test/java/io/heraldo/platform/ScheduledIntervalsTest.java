package io.heraldo.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.heraldo.audience.SubscribersConfig;
import io.heraldo.fanout.FanoutConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every periodic job takes its interval from the configuration mapping that documents it: the expression names the
 * property and nothing else, so the mapping's {@code @WithDefault} is the one default, and a value set by the
 * operator (here by the test profile and the test resources) is what the job runs at.
 */
@QuarkusTest
class ScheduledIntervalsTest {

    private static final Pattern PROPERTY_ONLY = Pattern.compile("\\$\\{(heraldo\\.[a-z0-9.-]+)}");

    @Inject
    Scheduler scheduler;

    @Inject
    Config config;

    @Inject
    HeraldoConfig heraldo;

    @Inject
    FanoutConfig fanout;

    @Inject
    SubscribersConfig subscribers;

    @Test
    void everyJobRunsAtItsConfiguredIntervalAndRepeatsNoDefault() throws Exception {
        List<Trigger> jobs = scheduler.getScheduledJobs().stream()
                .filter(job -> job.getMethodDescription().startsWith("io.heraldo.")).toList();
        assertThat(jobs).hasSizeGreaterThanOrEqualTo(6);
        for (Trigger job : jobs) {
            Scheduled scheduled = annotation(job.getMethodDescription());
            Matcher every = PROPERTY_ONLY.matcher(scheduled.every());
            assertThat(every.matches()).as(job.getMethodDescription() + " every = " + scheduled.every()).isTrue();
            Duration configured = config.getValue(every.group(1), Duration.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> scheduler.getScheduledJob(job.getId()).getPreviousFireTime() != null);
            Trigger fired = scheduler.getScheduledJob(job.getId());
            assertThat(Duration.between(fired.getPreviousFireTime(), fired.getNextFireTime()))
                    .as(job.getMethodDescription()).isEqualTo(configured);
        }
    }

    @Test
    void theIntervalsAreTheMappingsOwnValues() {
        // Set by the test profile over the mapping's default of 15s.
        assertThat(heraldo.metrics().refreshInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.getValue("heraldo.metrics.refresh-interval", Duration.class))
                .isEqualTo(Duration.ofSeconds(1));
        // Set nowhere: the mappings' defaults, seen by the expressions too.
        assertThat(config.getValue("heraldo.fanout.sweep-interval", Duration.class)).isEqualTo(fanout.sweepInterval());
        assertThat(config.getValue("heraldo.subscribers.relay-interval", Duration.class))
                .isEqualTo(subscribers.relayInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    /** The {@code @Scheduled} of a job, from its description {@code class#method}. */
    private static Scheduled annotation(String methodDescription) throws ClassNotFoundException {
        String[] parts = methodDescription.split("#");
        Class<?> type = Class.forName(parts[0], false, Thread.currentThread().getContextClassLoader());
        String name = parts[1].replaceAll("\\(.*", "");
        Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(name)
                && m.isAnnotationPresent(Scheduled.class)).findFirst()
                .orElseThrow(() -> new AssertionError("no @Scheduled method " + methodDescription));
        return method.getAnnotation(Scheduled.class);
    }
}
