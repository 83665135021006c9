package io.heraldo.status;

import static org.assertj.core.api.Assertions.assertThat;

import static io.heraldo.event.EventType.MAINTENANCE_CANCELLED;
import static io.heraldo.event.EventType.MAINTENANCE_COMPLETED;
import static io.heraldo.event.EventType.MAINTENANCE_SCHEDULED;
import static io.heraldo.event.EventType.MAINTENANCE_STARTED;
import static io.heraldo.event.EventType.MAINTENANCE_UPDATED;
import static io.heraldo.event.MaintenanceStatus.CANCELLED;
import static io.heraldo.event.MaintenanceStatus.COMPLETED;
import static io.heraldo.event.MaintenanceStatus.IN_PROGRESS;
import static io.heraldo.event.MaintenanceStatus.SCHEDULED;
import static io.heraldo.event.MaintenanceStatus.VERIFYING;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.EventType;
import io.heraldo.event.MaintenanceStatus;

class MaintenanceRulesTest {

    @Test
    void startedFromScheduledIsInProgress() {
        assertThat(MaintenanceRules.next(SCHEDULED, MAINTENANCE_STARTED, IN_PROGRESS)).isEqualTo(IN_PROGRESS);
    }

    @Test
    void lateStartedAfterCompletedStaysCompleted() {
        assertThat(MaintenanceRules.next(COMPLETED, MAINTENANCE_STARTED, IN_PROGRESS)).isEqualTo(COMPLETED);
        assertThat(MaintenanceRules.next(CANCELLED, MAINTENANCE_STARTED, IN_PROGRESS)).isEqualTo(CANCELLED);
    }

    @Test
    void startedAgainWhileVerifyingStaysVerifying() {
        assertThat(MaintenanceRules.next(VERIFYING, MAINTENANCE_STARTED, IN_PROGRESS)).isEqualTo(VERIFYING);
    }

    @Test
    void completedFromInProgressIsCompleted() {
        assertThat(MaintenanceRules.next(IN_PROGRESS, MAINTENANCE_COMPLETED, COMPLETED)).isEqualTo(COMPLETED);
        assertThat(MaintenanceRules.next(VERIFYING, MAINTENANCE_COMPLETED, COMPLETED)).isEqualTo(COMPLETED);
    }

    @Test
    void completedTwiceStaysCompleted() {
        MaintenanceStatus once = MaintenanceRules.next(IN_PROGRESS, MAINTENANCE_COMPLETED, COMPLETED);
        assertThat(MaintenanceRules.next(once, MAINTENANCE_COMPLETED, COMPLETED)).isEqualTo(COMPLETED);
    }

    @Test
    void cancelledAfterCompletedStaysCompleted() {
        assertThat(MaintenanceRules.next(COMPLETED, MAINTENANCE_CANCELLED, CANCELLED)).isEqualTo(COMPLETED);
    }

    @Test
    void completedAfterCancelledStaysCancelled() {
        assertThat(MaintenanceRules.next(CANCELLED, MAINTENANCE_COMPLETED, COMPLETED)).isEqualTo(CANCELLED);
    }

    @Test
    void cancelledBeforeStartingIsCancelled() {
        assertThat(MaintenanceRules.next(SCHEDULED, MAINTENANCE_CANCELLED, CANCELLED)).isEqualTo(CANCELLED);
    }

    static Stream<Arguments> everyCurrentAndRequested() {
        return Stream.of(MaintenanceStatus.values())
                .flatMap(current -> Stream.of(MaintenanceStatus.values()).map(requested -> Arguments.of(current, requested)));
    }

    @ParameterizedTest
    @MethodSource("everyCurrentAndRequested")
    void updatedCanSetAnyStatus(MaintenanceStatus current, MaintenanceStatus requested) {
        assertThat(MaintenanceRules.next(current, MAINTENANCE_UPDATED, requested)).isEqualTo(requested);
    }

    @Test
    void scheduledAgainReopensAFinishedMaintenance() {
        assertThat(MaintenanceRules.next(COMPLETED, MAINTENANCE_SCHEDULED, SCHEDULED)).isEqualTo(SCHEDULED);
    }

    @ParameterizedTest
    @EnumSource(MaintenanceStatus.class)
    void nullRequestedKeepsTheCurrentStatus(MaintenanceStatus current) {
        assertThat(MaintenanceRules.next(current, MAINTENANCE_UPDATED, null)).isEqualTo(current);
    }

    @Test
    void aNewMaintenanceWithoutRequestedStatusIsScheduled() {
        assertThat(MaintenanceRules.next(null, MAINTENANCE_UPDATED, null)).isEqualTo(SCHEDULED);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = "MAINTENANCE_.*", mode = EnumSource.Mode.MATCH_ALL)
    void aNewMaintenanceTakesTheRequestedStatus(EventType type) {
        assertThat(MaintenanceRules.next(null, type, IN_PROGRESS)).isEqualTo(IN_PROGRESS);
    }

    @Test
    void operationalUnderMaintenanceShowsUnderMaintenance() {
        assertThat(MaintenanceRules.shown(ComponentStatus.OPERATIONAL, true)).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
    }

    @ParameterizedTest
    @EnumSource(value = ComponentStatus.class, names = { "DEGRADED_PERFORMANCE", "PARTIAL_OUTAGE", "MAJOR_OUTAGE" })
    void somethingWorseReportedDuringMaintenanceStays(ComponentStatus reported) {
        assertThat(MaintenanceRules.shown(reported, true)).isEqualTo(reported);
    }

    @ParameterizedTest
    @EnumSource(ComponentStatus.class)
    void withoutMaintenanceTheReportedStatusShows(ComponentStatus reported) {
        assertThat(MaintenanceRules.shown(reported, false)).isEqualTo(reported);
    }
}
