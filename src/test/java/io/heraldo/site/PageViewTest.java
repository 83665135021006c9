package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.heraldo.event.ComponentStatus;

/** A bar's days in the few elements the page sends: runs of quiet days, and each day with something to say. */
class PageViewTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

    @Test
    void quietDaysBecomeRunsAndEventfulDaysKeepTheirDetail() {
        List<UptimeDays.Day> days = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            if (i < 10) {
                days.add(day(i, Map.of())); // before the component existed
            } else if (i == 10 || i == 50 || i == 89) {
                days.add(day(i, Map.of(ComponentStatus.OPERATIONAL, Duration.ofHours(22), ComponentStatus.PARTIAL_OUTAGE,
                        Duration.ofHours(2))));
            } else if (i == 51) {
                days.add(new UptimeDays.Day(FIRST.plusDays(i), new EnumMap<>(Map.of(ComponentStatus.OPERATIONAL,
                        Duration.ofHours(24))), List.of(new UptimeDays.IncidentSpan("inc-1", "Lento", null, null))));
            } else {
                days.add(day(i, Map.of(ComponentStatus.OPERATIONAL, Duration.ofHours(24))));
            }
        }
        PageView.BarView bar = PageView.bar(new UptimeHistory.Bar(days, 0.99));
        assertThat(bar.segments()).extracting(PageView.Segment::css)
                .containsExactly("n k10", "p l", "k39", "p", "", "k37", "p r");
        assertThat(bar.dayCount()).isEqualTo(90);
        PageView.Segment outage = bar.segments().get(3);
        assertThat(outage.day().date()).isEqualTo("2026-02-20");
        assertThat(outage.day().shares()).extracting(PageView.Share::status).contains("partial_outage");
        assertThat(bar.segments().get(4).day().incidents()).extracting(UptimeDays.IncidentSpan::title)
                .containsExactly("Lento");
        assertThat(bar.segments().get(2).day()).isNull();
    }

    @Test
    void aSingleQuietDayIsABareElement() {
        List<UptimeDays.Day> days = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            days.add(day(i, i == 1 ? Map.of(ComponentStatus.OPERATIONAL, Duration.ofHours(24))
                    : Map.of(ComponentStatus.MAJOR_OUTAGE, Duration.ofHours(1))));
        }
        assertThat(PageView.bar(new UptimeHistory.Bar(days, 0.9)).segments()).extracting(PageView.Segment::css)
                .containsExactly("m l", "", "m l");
    }

    @Test
    void theStyleDrawsEveryRunLength() {
        String css = SiteStyle.barColumns(90);
        assertThat(css).contains("repeat(90,minmax(0,1fr))", ".k2{--n:2}", ".k90{--n:90}").doesNotContain(".k1{", ".k91");
    }

    private static UptimeDays.Day day(int i, Map<ComponentStatus, Duration> time) {
        EnumMap<ComponentStatus, Duration> map = new EnumMap<>(ComponentStatus.class);
        map.putAll(time);
        return new UptimeDays.Day(FIRST.plusDays(i), map, List.of());
    }
}
