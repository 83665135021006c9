package io.heraldo.status;

import static io.heraldo.status.StatusEvents.DAY;
import static io.heraldo.status.StatusEvents.maintenance;
import static io.heraldo.status.StatusEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.status.MaintenanceClock.Due;

/**
 * What the maintenance clock finds due, read from a real PostgreSQL without Quarkus. Publishing is the Kafka path of
 * any event, covered with the broker by the maintenance tests of the application; here the clock has no publisher.
 */
class MaintenanceClockTest {

    @RegisterExtension
    static final LedgerDatabase db = new LedgerDatabase();

    @Test
    void startsAndEndsThatPassedWithoutAnEventAreDueInTheOrderToApplyThem() {
        String suffix = unique();
        String overdue = "overdue-" + suffix;
        String running = "running-" + suffix;
        String later = "later-" + suffix;
        String finished = "finished-" + suffix;
        schedule(overdue, 9, 10);
        schedule(running, 11, 13);
        db.applied(maintenance("started-" + running, "maintenance.started", running, DAY.plusHours(11),
                "\"status\": \"in_progress\"", null));
        schedule(later, 14, 15);
        schedule(finished, 8, 9);
        db.applied(maintenance("completed-" + finished, "maintenance.completed", finished, DAY.plusHours(9),
                "\"status\": \"completed\"", null));
        MaintenanceClock clock = new MaintenanceClock(db.jdbi(), null, new ObjectMapper(), Clock.systemUTC());

        List<Due> due = clock.due(DAY.plusHours(13)).stream()
                .filter(transition -> transition.maintenanceId().endsWith(suffix)).toList();

        assertThat(due).containsExactly(
                new Due(overdue, "maintenance.started", DAY.plusHours(9)),
                new Due(overdue, "maintenance.completed", DAY.plusHours(10)),
                new Due(running, "maintenance.completed", DAY.plusHours(13)));
        assertThat(due.get(0).eventId()).isEqualTo("heraldo-clock:" + overdue + ":started:"
                + DAY.plusHours(9).toEpochSecond());
    }

    private static void schedule(String id, int fromHour, int untilHour) {
        db.applied(maintenance("scheduled-" + id, "maintenance.scheduled", id, DAY.plusHours(7),
                "\"title\": \"Works\", \"status\": \"scheduled\", \"scheduledFor\": \"%s\", \"scheduledUntil\": \"%s\""
                        .formatted(DAY.plusHours(fromHour), DAY.plusHours(untilHour)), null));
    }
}
