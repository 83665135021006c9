package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import static io.heraldo.event.ComponentStatus.MAJOR_OUTAGE;
import static io.heraldo.event.ComponentStatus.OPERATIONAL;
import static io.heraldo.event.ComponentStatus.PARTIAL_OUTAGE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.heraldo.site.UptimeDays.Change;
import io.heraldo.site.UptimeDays.Day;
import io.heraldo.site.UptimeDays.IncidentSpan;

class UptimeDaysTest {

    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final Instant NOW = at(TODAY, 12, 0);

    private static Instant at(LocalDate date, int hour, int minute) {
        return ZonedDateTime.of(date.atTime(hour, minute), SANTIAGO).toInstant();
    }

    @Test
    void aQuietComponentIsOperationalEveryDay() {
        List<Day> days = UptimeDays.of(TODAY, 90, SANTIAGO, NOW, OPERATIONAL, List.of(), List.of());
        assertThat(days).hasSize(90);
        assertThat(days.get(0).date()).isEqualTo(TODAY.minusDays(89));
        assertThat(days.get(89).date()).isEqualTo(TODAY);
        assertThat(days).allSatisfy(d -> {
            assertThat(d.worst()).isEqualTo(OPERATIONAL);
            assertThat(d.eventful()).isFalse();
            assertThat(d.share(OPERATIONAL)).isEqualTo(1.0);
        });
        assertThat(UptimeDays.uptime(days)).isEqualTo(1.0);
    }

    @Test
    void aDayIsSharedBetweenTheStatusesItHad() {
        LocalDate day = TODAY.minusDays(2);
        List<Change> changes = List.of(new Change(at(day, 6, 0), MAJOR_OUTAGE), new Change(at(day, 12, 0), PARTIAL_OUTAGE),
                new Change(at(day, 18, 0), OPERATIONAL));
        List<Day> days = UptimeDays.of(TODAY, 5, SANTIAGO, NOW, OPERATIONAL, changes, List.of());
        Day d = days.get(2);
        assertThat(d.date()).isEqualTo(day);
        assertThat(d.time().get(MAJOR_OUTAGE)).isEqualTo(Duration.ofHours(6));
        assertThat(d.time().get(PARTIAL_OUTAGE)).isEqualTo(Duration.ofHours(6));
        assertThat(d.time().get(OPERATIONAL)).isEqualTo(Duration.ofHours(12));
        assertThat(d.share(MAJOR_OUTAGE)).isEqualTo(0.25);
        assertThat(d.worst()).isEqualTo(MAJOR_OUTAGE);
        assertThat(d.eventful()).isTrue();
        assertThat(days.get(3).worst()).isEqualTo(OPERATIONAL);
    }

    @Test
    void anOutageOverMidnightCountsOnBothDays() {
        LocalDate day = TODAY.minusDays(1);
        List<Change> changes = List.of(new Change(at(day.minusDays(1), 22, 0), MAJOR_OUTAGE),
                new Change(at(day, 3, 0), OPERATIONAL));
        List<Day> days = UptimeDays.of(TODAY, 3, SANTIAGO, NOW, OPERATIONAL, changes, List.of());
        assertThat(days.get(0).time().get(MAJOR_OUTAGE)).isEqualTo(Duration.ofHours(2));
        assertThat(days.get(1).time().get(MAJOR_OUTAGE)).isEqualTo(Duration.ofHours(3));
        // three days, the last half over: 5 h down out of 60 h observed
        assertThat(UptimeDays.uptime(days)).isCloseTo(1 - 5.0 / 60, within(1e-9));
    }

    @Test
    void todayEndsNowAndAStatusStillOnCarriesOn() {
        List<Change> changes = List.of(new Change(at(TODAY, 9, 0), PARTIAL_OUTAGE));
        Day today = UptimeDays.of(TODAY, 1, SANTIAGO, NOW, OPERATIONAL, changes, List.of()).get(0);
        assertThat(today.time().get(OPERATIONAL)).isEqualTo(Duration.ofHours(9));
        assertThat(today.time().get(PARTIAL_OUTAGE)).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void daysBeforeTheFirstKnownStatusHaveNoData() {
        List<Change> changes = List.of(new Change(at(TODAY.minusDays(1), 12, 0), OPERATIONAL));
        List<Day> days = UptimeDays.of(TODAY, 4, SANTIAGO, NOW, null, changes, List.of());
        assertThat(days.get(0).hasData()).isFalse();
        assertThat(days.get(1).hasData()).isFalse();
        assertThat(days.get(0).worst()).isNull();
        assertThat(days.get(2).time().get(OPERATIONAL)).isEqualTo(Duration.ofHours(12));
        assertThat(days.get(3).hasData()).isTrue();
    }

    @Test
    void aDayListsTheIncidentsOpenDuringIt() {
        IncidentSpan resolved = new IncidentSpan("inc-1", "LDAP", at(TODAY.minusDays(3), 23, 0), at(TODAY.minusDays(2), 1, 0));
        IncidentSpan open = new IncidentSpan("inc-2", "Proxy", at(TODAY.minusDays(1), 10, 0), null);
        List<Day> days = UptimeDays.of(TODAY, 5, SANTIAGO, NOW, OPERATIONAL, List.of(), List.of(open, resolved));
        assertThat(days.get(0).incidents()).isEmpty();
        assertThat(days.get(1).incidents()).extracting(IncidentSpan::id).containsExactly("inc-1");
        assertThat(days.get(2).incidents()).extracting(IncidentSpan::id).containsExactly("inc-1");
        assertThat(days.get(3).incidents()).extracting(IncidentSpan::id).containsExactly("inc-2");
        assertThat(days.get(4).incidents()).extracting(IncidentSpan::id).containsExactly("inc-2");
        assertThat(days.get(1).eventful()).isTrue();
    }

    @Test
    void aChangeBeforeTheWindowOnlySetsTheStartingStatus() {
        List<Change> changes = List.of(new Change(at(TODAY.minusDays(200), 0, 0), MAJOR_OUTAGE));
        Day first = UptimeDays.of(TODAY, 2, SANTIAGO, NOW, OPERATIONAL, changes, List.of()).get(0);
        assertThat(first.time()).containsOnlyKeys(MAJOR_OUTAGE);
    }
}
