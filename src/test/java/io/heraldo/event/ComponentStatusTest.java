package io.heraldo.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ComponentStatusTest {

    @Test
    void worstIsTheMoreSevereEitherWay() {
        assertThat(ComponentStatus.DEGRADED_PERFORMANCE.worst(ComponentStatus.MAJOR_OUTAGE)).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(ComponentStatus.MAJOR_OUTAGE.worst(ComponentStatus.DEGRADED_PERFORMANCE)).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(ComponentStatus.PARTIAL_OUTAGE.worst(ComponentStatus.PARTIAL_OUTAGE)).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(ComponentStatus.OPERATIONAL.worst(ComponentStatus.UNDER_MAINTENANCE)).isEqualTo(ComponentStatus.UNDER_MAINTENANCE);
        assertThat(ComponentStatus.UNDER_MAINTENANCE.worst(ComponentStatus.DEGRADED_PERFORMANCE))
                .as("maintenance is not an outage").isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
    }

    @Test
    void worstWithNothingIsItself() {
        assertThat(ComponentStatus.PARTIAL_OUTAGE.worst(null)).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    }

    @Test
    void wireNames() {
        assertThat(ComponentStatus.of("degraded_performance")).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
        assertThat(ComponentStatus.UNDER_MAINTENANCE.wire()).isEqualTo("under_maintenance");
        assertThatThrownBy(() -> ComponentStatus.of("MAJOR_OUTAGE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'MAJOR_OUTAGE' is not one of operational, under_maintenance");
    }
}
