package io.heraldo.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.heraldo.event.ComponentStatus;

class IncidentRulesTest {

    @Test
    void componentsReturnToOperational() {
        assertThat(IncidentRules.onClose(List.of("ldap", "proxy"), Map.of(), Map.of()))
                .containsOnly(entry("ldap", ComponentStatus.OPERATIONAL), entry("proxy", ComponentStatus.OPERATIONAL));
    }

    @Test
    void explicitStatusesAreKept() {
        assertThat(IncidentRules.onClose(List.of("ldap", "proxy"), Map.of("ldap", ComponentStatus.DEGRADED_PERFORMANCE),
                Map.of()))
                .containsOnly(entry("ldap", ComponentStatus.DEGRADED_PERFORMANCE),
                        entry("proxy", ComponentStatus.OPERATIONAL));
    }

    @Test
    void componentsStillClaimedByAnotherOpenIncidentKeepThatStatus() {
        assertThat(IncidentRules.onClose(List.of("ldap", "mailbox"), Map.of(),
                Map.of("mailbox", ComponentStatus.MAJOR_OUTAGE)))
                .containsOnly(entry("ldap", ComponentStatus.OPERATIONAL), entry("mailbox", ComponentStatus.MAJOR_OUTAGE));
    }

    @Test
    void anExplicitStatusWinsOverAnotherIncidentsClaim() {
        assertThat(IncidentRules.onClose(List.of("mailbox"), Map.of("mailbox", ComponentStatus.PARTIAL_OUTAGE),
                Map.of("mailbox", ComponentStatus.MAJOR_OUTAGE)))
                .containsOnly(entry("mailbox", ComponentStatus.PARTIAL_OUTAGE));
    }

    @Test
    void explicitStatusesOfOtherComponentsAreIncluded() {
        assertThat(IncidentRules.onClose(List.of("ldap"), Map.of("proxy", ComponentStatus.OPERATIONAL), Map.of()))
                .containsOnly(entry("ldap", ComponentStatus.OPERATIONAL), entry("proxy", ComponentStatus.OPERATIONAL));
    }

    @Test
    void anIncidentWithoutComponentsChangesNothing() {
        assertThat(IncidentRules.onClose(List.of(), Map.of(), Map.of("mailbox", ComponentStatus.MAJOR_OUTAGE))).isEmpty();
    }
}
