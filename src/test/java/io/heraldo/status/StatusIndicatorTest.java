package io.heraldo.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.Impact;
import io.heraldo.event.StatusIndicator;

class StatusIndicatorTest {

    @Test
    void noneWithNothing() {
        assertThat(StatusIndicator.of(List.of(), List.of(), false)).isEqualTo(StatusIndicator.NONE);
    }

    @Test
    void noneWhenEverythingIsOperational() {
        assertThat(StatusIndicator.of(List.of(Impact.NONE),
                List.of(ComponentStatus.OPERATIONAL, ComponentStatus.OPERATIONAL), false)).isEqualTo(StatusIndicator.NONE);
    }

    @Test
    void maintenanceWhileMaintenanceIsInProgressAndNothingIsWorse() {
        assertThat(StatusIndicator.of(List.of(), List.of(ComponentStatus.UNDER_MAINTENANCE, ComponentStatus.OPERATIONAL), true))
                .isEqualTo(StatusIndicator.MAINTENANCE);
        assertThat(StatusIndicator.of(List.of(Impact.NONE), List.of(ComponentStatus.OPERATIONAL), true))
                .isEqualTo(StatusIndicator.MAINTENANCE);
    }

    @Test
    void noMaintenanceWhenNoneIsInProgress() {
        assertThat(StatusIndicator.of(List.of(), List.of(ComponentStatus.OPERATIONAL), false)).isEqualTo(StatusIndicator.NONE);
    }

    @Test
    void anOutageBeatsMaintenance() {
        assertThat(StatusIndicator.of(List.of(),
                List.of(ComponentStatus.UNDER_MAINTENANCE, ComponentStatus.DEGRADED_PERFORMANCE), true))
                .isEqualTo(StatusIndicator.MINOR);
    }

    @Test
    void aCriticalIncidentBeatsMaintenance() {
        assertThat(StatusIndicator.of(List.of(Impact.CRITICAL), List.of(ComponentStatus.UNDER_MAINTENANCE), true))
                .isEqualTo(StatusIndicator.CRITICAL);
    }

    @ParameterizedTest
    @CsvSource({
            "OPERATIONAL, NONE",
            "DEGRADED_PERFORMANCE, MINOR",
            "PARTIAL_OUTAGE, MAJOR",
            "MAJOR_OUTAGE, CRITICAL" })
    void componentStatusGivesItsIndicator(ComponentStatus status, StatusIndicator expected) {
        assertThat(StatusIndicator.of(List.of(), List.of(ComponentStatus.OPERATIONAL, status), false)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "NONE, NONE",
            "MINOR, MINOR",
            "MAJOR, MAJOR",
            "CRITICAL, CRITICAL" })
    void incidentImpactGivesItsIndicator(Impact impact, StatusIndicator expected) {
        assertThat(StatusIndicator.of(List.of(impact), List.of(ComponentStatus.OPERATIONAL), false)).isEqualTo(expected);
    }

    @Test
    void worstOfImpactsAndComponentStatuses() {
        assertThat(StatusIndicator.of(List.of(Impact.MINOR),
                List.of(ComponentStatus.PARTIAL_OUTAGE, ComponentStatus.DEGRADED_PERFORMANCE), false))
                .as("a component worse than the incident").isEqualTo(StatusIndicator.MAJOR);
        assertThat(StatusIndicator.of(List.of(Impact.MINOR, Impact.CRITICAL, Impact.MAJOR),
                List.of(ComponentStatus.DEGRADED_PERFORMANCE), false))
                .as("an incident worse than the components").isEqualTo(StatusIndicator.CRITICAL);
    }

    @Test
    void wireNamesAndDescriptions() {
        assertThat(StatusIndicator.CRITICAL.wire()).isEqualTo("critical");
        assertThat(StatusIndicator.NONE.description()).isEqualTo("All Systems Operational");
        assertThat(StatusIndicator.MAINTENANCE.description()).isEqualTo("Service Under Maintenance");
    }
}
