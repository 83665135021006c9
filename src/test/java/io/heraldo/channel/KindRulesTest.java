package io.heraldo.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.heraldo.audience.InvalidFieldException;
import io.heraldo.audience.Kinds;
import io.heraldo.event.Impact;

class KindRulesTest {

    /** Every value of kinds against every type of notification (incidents at each impact): the whole table. */
    @Test
    void eachKindsValueAgainstEachNotificationType() {
        for (NotificationType type : NotificationType.values()) {
            NotificationKind kind = kindOf(type);
            List<String> impacts = kind.isIncident()
                    ? Arrays.stream(Impact.values()).map(Impact::wire).toList()
                    : Arrays.asList((String) null);
            for (String impact : impacts) {
                String what = type.wire() + (impact == null ? "" : " of impact " + impact);
                assertThat(KindRules.wants(Kinds.ALL, kind, impact)).as("all: " + what).isTrue();
                assertThat(KindRules.wants(Kinds.MAJOR, kind, impact)).as("major: " + what)
                        .isEqualTo(majorWants(type, impact));
                assertThat(KindRules.wants(Kinds.LIFECYCLE, kind, impact)).as("lifecycle: " + what)
                        .isEqualTo(lifecycleWants(type));
            }
        }
    }

    /** The contract's words, written out type by type rather than derived the way the rule does it. */
    private static boolean majorWants(NotificationType type, String impact) {
        return switch (type) {
            case INCIDENT_OPENED, INCIDENT_UPDATED, INCIDENT_RESOLVED -> "major".equals(impact) || "critical".equals(impact);
            case MAINTENANCE_SCHEDULED, MAINTENANCE_UPDATED, MAINTENANCE_STARTED, MAINTENANCE_COMPLETED,
                    MAINTENANCE_CANCELLED, MAINTENANCE_REMINDER -> true;
            case COMPONENT_STATUS_CHANGED, NOTICE_PUBLISHED -> false;
        };
    }

    private static boolean lifecycleWants(NotificationType type) {
        return switch (type) {
            case INCIDENT_OPENED, INCIDENT_RESOLVED, MAINTENANCE_SCHEDULED, MAINTENANCE_STARTED, MAINTENANCE_COMPLETED,
                    MAINTENANCE_CANCELLED -> true;
            case INCIDENT_UPDATED, MAINTENANCE_UPDATED, MAINTENANCE_REMINDER, COMPONENT_STATUS_CHANGED,
                    NOTICE_PUBLISHED -> false;
        };
    }

    private static NotificationKind kindOf(NotificationType type) {
        return Arrays.stream(NotificationKind.values()).filter(k -> NotificationType.of(k) == type).findFirst()
                .orElseThrow();
    }

    @Test
    void anIncidentWithoutAnImpactYetIsNoMajorOne() {
        assertThat(KindRules.wants(Kinds.MAJOR, NotificationKind.INCIDENT_OPENED, null)).isFalse();
        assertThat(KindRules.wants(Kinds.LIFECYCLE, NotificationKind.INCIDENT_OPENED, null)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void wantingListsExactlyTheValuesThatWant(NotificationKind kind) {
        Notification notification = new Notification("n", "e", kind, "s", "t", null, null, "critical", null, "es", null,
                List.of(), null, null, null, null, 0, null, null);
        Set<Kinds> expected = EnumSet.noneOf(Kinds.class);
        for (Kinds kinds : Kinds.values()) {
            if (KindRules.wants(kinds, kind, "critical")) {
                expected.add(kinds);
            }
        }
        assertThat(KindRules.wanting(notification)).isEqualTo(expected).contains(Kinds.ALL);
    }

    @Test
    void givenValuesAreReadLeniently() {
        assertThat(Kinds.given(null)).isEqualTo(Kinds.ALL);
        assertThat(Kinds.given(" ")).isEqualTo(Kinds.ALL);
        assertThat(Kinds.given(" Major ")).isEqualTo(Kinds.MAJOR);
        assertThat(Kinds.given("lifecycle")).isEqualTo(Kinds.LIFECYCLE);
        assertThatThrownBy(() -> Kinds.given("urgent")).isInstanceOf(InvalidFieldException.class)
                .hasMessage("kinds: 'urgent' is not one of all, major, lifecycle");
    }

    @Test
    void storedValuesWithoutKindsMeanAll() {
        assertThat(Kinds.stored(null)).isEqualTo(Kinds.ALL);
        assertThat(Kinds.stored("major")).isEqualTo(Kinds.MAJOR);
        assertThatThrownBy(() -> Kinds.stored("urgent")).isInstanceOf(IllegalArgumentException.class);
    }
}
