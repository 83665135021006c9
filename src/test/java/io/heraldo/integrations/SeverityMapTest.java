package io.heraldo.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.heraldo.event.ComponentStatus;

class SeverityMapTest {

    @Test
    void theDefaultMapsCriticalAndWarning() {
        SeverityMap map = SeverityMap.parse(SeverityMap.DEFAULT);
        assertThat(map.statusOf("critical")).hasValue(ComponentStatus.MAJOR_OUTAGE);
        assertThat(map.statusOf("warning")).hasValue(ComponentStatus.DEGRADED_PERFORMANCE);
        assertThat(map.statusOf("info")).isEmpty();
        assertThat(map.statusOf(null)).isEmpty();
        assertThat(map.severities()).isEqualTo("critical, warning");
    }

    @Test
    void severitiesAreComparedWithoutCaseAndSpacesAroundEntriesDoNotCount() {
        SeverityMap map = SeverityMap.parse(" Page = major_outage , ticket=partial_outage,, ");
        assertThat(map.statusOf("PAGE")).hasValue(ComponentStatus.MAJOR_OUTAGE);
        assertThat(map.statusOf(" ticket ")).hasValue(ComponentStatus.PARTIAL_OUTAGE);
    }

    @Test
    void aWrongEntryIsNamed() {
        assertThatThrownBy(() -> SeverityMap.parse("critical=down"))
                .hasMessage("heraldo.integrations.severity-map: 'critical=down': 'down' is not one of operational, "
                        + "under_maintenance, degraded_performance, partial_outage, major_outage");
        assertThatThrownBy(() -> SeverityMap.parse("critical"))
                .hasMessageStartingWith("heraldo.integrations.severity-map: 'critical' is not severity=status");
        assertThatThrownBy(() -> SeverityMap.parse("=major_outage"))
                .hasMessageStartingWith("heraldo.integrations.severity-map: '=major_outage' is not severity=status");
        assertThatThrownBy(() -> SeverityMap.parse(" , "))
                .hasMessageStartingWith("heraldo.integrations.severity-map: names no severity");
    }
}
