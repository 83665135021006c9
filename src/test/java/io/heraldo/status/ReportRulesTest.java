package io.heraldo.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import io.heraldo.event.ComponentStatus;
import io.heraldo.status.ReportRules.Entry;

class ReportRulesTest {

    static final OffsetDateTime LAST_NIGHT = OffsetDateTime.parse("2015-02-09T20:00:00-03:00");
    static final OffsetDateTime MORNING = OffsetDateTime.parse("2015-02-10T12:40:00-03:00");
    static final OffsetDateTime NOON = OffsetDateTime.parse("2015-02-10T14:00:00-03:00");

    @Test
    void theFirstReportStands() {
        assertThat(ReportRules.replaces(LAST_NIGHT, null)).isTrue();
    }

    @Test
    void aNewerReportReplacesAnOlderOne() {
        assertThat(ReportRules.replaces(MORNING, LAST_NIGHT)).isTrue();
    }

    @Test
    void anOlderReportArrivingLaterDoesNotReplaceANewerOne() {
        // The component registered operational last night, read after the incident that took it down this morning.
        assertThat(ReportRules.replaces(LAST_NIGHT, MORNING)).isFalse();
    }

    @Test
    void onEqualTimesTheOneAppliedLaterWins() {
        assertThat(ReportRules.replaces(MORNING, MORNING)).isTrue();
    }

    @Test
    void timesCompareAsInstantsWhateverTheirOffsets() {
        OffsetDateTime sameInstantInUtc = OffsetDateTime.parse("2015-02-10T15:40:00Z");
        OffsetDateTime aMinuteBeforeInUtc = OffsetDateTime.parse("2015-02-10T15:39:00Z");
        assertThat(ReportRules.replaces(sameInstantInUtc, MORNING)).isTrue();
        assertThat(ReportRules.replaces(aMinuteBeforeInUtc, MORNING)).isFalse();
        // 15:39 UTC reads as a later hour than 12:40-03:00 but is the earlier instant.
        assertThat(ReportRules.replaces(MORNING, aMinuteBeforeInUtc)).isTrue();
    }

    @Test
    void laterNeverGoesBackwards() {
        assertThat(ReportRules.later(MORNING, LAST_NIGHT)).isEqualTo(MORNING);
        assertThat(ReportRules.later(LAST_NIGHT, MORNING)).isEqualTo(MORNING);
        assertThat(ReportRules.later(null, MORNING)).isEqualTo(MORNING);
        assertThat(ReportRules.later(MORNING, null)).isEqualTo(MORNING);
    }

    @Test
    void aHistoryThatEndsWithWhatIsShownNeedsNothing() {
        // The late report of last night went in before the incident's entry of this morning, which still ends it.
        assertThat(ReportRules.closing(new Entry(MORNING, ComponentStatus.MAJOR_OUTAGE), ComponentStatus.MAJOR_OUTAGE,
                MORNING)).isEmpty();
    }

    @Test
    void aLateReportThatBecameTheNewestEntryIsFollowedByTheStandingReport() {
        // Shown operational since noon without an entry (nothing changed then); an outage of this morning arrives.
        assertThat(ReportRules.closing(new Entry(MORNING, ComponentStatus.MAJOR_OUTAGE), ComponentStatus.OPERATIONAL, NOON))
                .contains(new Entry(NOON, ComponentStatus.OPERATIONAL));
    }

    @Test
    void aReportBeforeLaterMaintenanceEntriesIsShownFromTheNewestEntryOn() {
        // Maintenance started at noon (entry under_maintenance); then an outage of this morning arrived and stands.
        assertThat(ReportRules.closing(new Entry(NOON, ComponentStatus.UNDER_MAINTENANCE), ComponentStatus.MAJOR_OUTAGE,
                MORNING)).contains(new Entry(NOON, ComponentStatus.MAJOR_OUTAGE));
    }

    @Test
    void withoutAStandingReportTheShownStatusFollowsTheNewestEntry() {
        assertThat(ReportRules.closing(new Entry(MORNING, ComponentStatus.OPERATIONAL), ComponentStatus.UNDER_MAINTENANCE,
                null)).contains(new Entry(MORNING, ComponentStatus.UNDER_MAINTENANCE));
    }
}
