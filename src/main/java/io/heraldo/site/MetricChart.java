package io.heraldo.site;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A metric's points over a period as an SVG line: time runs left to right over the whole period, values bottom to
 * top from 0 (or the lowest value, if negative) to the highest. Coordinates are rounded to one decimal to keep the
 * page small.
 */
public final class MetricChart {

    public static final int WIDTH = 300;
    public static final int HEIGHT = 60;

    /** One measured value. */
    public record Point(Instant t, double v) {
    }

    /**
     * @param path the SVG path ({@code d}) of the line; empty without points
     * @param min the lowest value in the period, {@code NaN} without points
     * @param max the highest value in the period
     * @param last the latest value in the period
     */
    public record Chart(String path, double min, double max, double last, int points) {

        public boolean empty() {
            return points == 0;
        }

        public String minText() {
            return value(min);
        }

        public String maxText() {
            return value(max);
        }

        public String lastText() {
            return value(last);
        }
    }

    private MetricChart() {
    }

    /** The points inside {@code [from, to]} (oldest first) drawn into a {@link #WIDTH} × {@link #HEIGHT} box. */
    public static Chart of(List<Point> points, Instant from, Instant to) {
        List<Point> inside = points.stream().filter(p -> !p.t().isBefore(from) && !p.t().isAfter(to))
                .sorted((a, b) -> a.t().compareTo(b.t())).toList();
        if (inside.isEmpty()) {
            return new Chart("", Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double min = inside.stream().mapToDouble(Point::v).min().orElseThrow();
        double max = inside.stream().mapToDouble(Point::v).max().orElseThrow();
        double bottom = Math.min(0, min);
        double range = max - bottom;
        double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        StringBuilder d = new StringBuilder();
        for (Point p : inside) {
            double x = (p.t().toEpochMilli() - from.toEpochMilli()) / span * WIDTH;
            // the top pixel row stays free, so a flat line at the maximum is still seen
            double y = range == 0 ? HEIGHT - 1 : HEIGHT - (p.v() - bottom) / range * (HEIGHT - 1);
            d.append(d.length() == 0 ? 'M' : 'L').append(number(x)).append(' ').append(number(y));
        }
        if (inside.size() == 1) {
            // a lone point still shows: a short horizontal stroke
            d.append('h').append(2);
        }
        return new Chart(d.toString(), min, max, inside.get(inside.size() - 1).v(), inside.size());
    }

    /** A value as people read it: up to two decimals, no trailing zeros. */
    public static String value(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
