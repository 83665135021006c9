package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.heraldo.site.MetricChart.Chart;
import io.heraldo.site.MetricChart.Point;

class MetricChartTest {

    private static final Instant FROM = Instant.parse("2026-03-10T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofHours(24));

    @Test
    void timeRunsAcrossTheWidthAndValuesUpTheHeight() {
        Chart chart = MetricChart.of(List.of(new Point(FROM, 0), new Point(FROM.plus(Duration.ofHours(12)), 50),
                new Point(TO, 100)), FROM, TO);
        assertThat(chart.path()).isEqualTo("M0 60L150 30.5L300 1");
        assertThat(chart.min()).isEqualTo(0);
        assertThat(chart.max()).isEqualTo(100);
        assertThat(chart.lastText()).isEqualTo("100");
        assertThat(chart.points()).isEqualTo(3);
    }

    @Test
    void pointsOutsideThePeriodAreLeftOutAndOrderDoesNotMatter() {
        Chart chart = MetricChart.of(List.of(new Point(TO.plusSeconds(1), 999), new Point(FROM.plus(Duration.ofHours(6)), 20),
                new Point(FROM.minusSeconds(1), 999), new Point(FROM, 10)), FROM, TO);
        assertThat(chart.points()).isEqualTo(2);
        assertThat(chart.path()).startsWith("M0 ").contains("L75 ");
        assertThat(chart.max()).isEqualTo(20);
        assertThat(chart.last()).isEqualTo(20);
    }

    @Test
    void aFlatLineAndALonePointStillShow() {
        assertThat(MetricChart.of(List.of(new Point(FROM, 5), new Point(TO, 5)), FROM, TO).path()).isEqualTo("M0 1L300 1");
        assertThat(MetricChart.of(List.of(new Point(FROM, 0), new Point(TO, 0)), FROM, TO).path()).isEqualTo("M0 59L300 59");
        assertThat(MetricChart.of(List.of(new Point(FROM, 5)), FROM, TO).path()).isEqualTo("M0 1h2");
    }

    @Test
    void negativeValuesMoveTheBaseline() {
        Chart chart = MetricChart.of(List.of(new Point(FROM, -10), new Point(TO, 10)), FROM, TO);
        assertThat(chart.path()).isEqualTo("M0 60L300 1");
    }

    @Test
    void noPointsNoLine() {
        Chart chart = MetricChart.of(List.of(), FROM, TO);
        assertThat(chart.empty()).isTrue();
        assertThat(chart.path()).isEmpty();
        assertThat(chart.minText()).isEmpty();
    }

    @Test
    void valuesReadAsPeopleWriteThem() {
        assertThat(MetricChart.value(120)).isEqualTo("120");
        assertThat(MetricChart.value(99.5)).isEqualTo("99.5");
        assertThat(MetricChart.value(0.123)).isEqualTo("0.12");
    }
}
