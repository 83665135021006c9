package io.heraldo.site;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.heraldo.event.ComponentStatus;

/**
 * The uptime bar of one component: for each of the last days (in the page's time zone), how long the component spent
 * in each status, and which incidents touched it that day. A plain rule: the history comes in, days come out.
 */
public final class UptimeDays {

    /** The component took this status at this instant. */
    public record Change(Instant at, ComponentStatus status) {
    }

    /** An incident that touched the component, open from {@code start} until {@code end} (null: still open). */
    public record IncidentSpan(String id, String title, Instant start, Instant end) {
    }

    /**
     * One day of the bar.
     *
     * @param time how long the component spent in each status that day (only statuses it had); empty: no data
     * @param incidents the incidents open at some moment of the day, in order of their start
     */
    public record Day(LocalDate date, Map<ComponentStatus, Duration> time, List<IncidentSpan> incidents) {

        public boolean hasData() {
            return !time.isEmpty();
        }

        /** The worst status of the day, what the bar's colour shows; {@code null} without data. */
        public ComponentStatus worst() {
            return time.keySet().stream().reduce(ComponentStatus::worst).orElse(null);
        }

        /** The share of the observed part of the day spent in {@code status}, 0..1. */
        public double share(ComponentStatus status) {
            long total = time.values().stream().mapToLong(Duration::toMillis).sum();
            Duration spent = time.get(status);
            return total == 0 || spent == null ? 0 : (double) spent.toMillis() / total;
        }

        /** Worth telling: anything but a quiet operational day. */
        public boolean eventful() {
            return !incidents.isEmpty() || time.keySet().stream().anyMatch(s -> s != ComponentStatus.OPERATIONAL);
        }
    }

    private UptimeDays() {
    }

    /**
     * @param today the last day of the bar (in {@code zone}); it ends at {@code now}
     * @param statusBefore the status the component had when the first day began; {@code null} if it did not exist
     *        yet or nothing is known (the days before its first change then have no data)
     * @param changes the changes from the start of the first day until now, oldest first
     */
    public static List<Day> of(LocalDate today, int count, ZoneId zone, Instant now, ComponentStatus statusBefore,
            List<Change> changes, List<IncidentSpan> incidents) {
        List<Day> days = new ArrayList<>(count);
        ComponentStatus current = statusBefore;
        int next = 0;
        for (LocalDate date = today.minusDays(count - 1L); !date.isAfter(today); date = date.plusDays(1)) {
            Instant start = date.atStartOfDay(zone).toInstant();
            Instant end = date.equals(today) ? now : date.plusDays(1).atStartOfDay(zone).toInstant();
            Map<ComponentStatus, Duration> time = new EnumMap<>(ComponentStatus.class);
            Instant from = start;
            while (next < changes.size() && changes.get(next).at().isBefore(end)) {
                Change change = changes.get(next++);
                Instant at = change.at().isBefore(from) ? from : change.at();
                add(time, current, from, at);
                current = change.status();
                from = at;
            }
            add(time, current, from, end);
            List<IncidentSpan> touching = incidents.stream()
                    .filter(i -> i.start().isBefore(end) && (i.end() == null || !i.end().isBefore(start)))
                    .sorted((a, b) -> a.start().compareTo(b.start())).toList();
            days.add(new Day(date, time, touching));
        }
        return days;
    }

    /** The share of observed time without a partial or major outage, 0..1; 1 without data. */
    public static double uptime(List<Day> days) {
        long total = 0;
        long down = 0;
        for (Day day : days) {
            for (Map.Entry<ComponentStatus, Duration> e : day.time().entrySet()) {
                total += e.getValue().toMillis();
                if (e.getKey() == ComponentStatus.PARTIAL_OUTAGE || e.getKey() == ComponentStatus.MAJOR_OUTAGE) {
                    down += e.getValue().toMillis();
                }
            }
        }
        return total == 0 ? 1 : 1 - (double) down / total;
    }

    private static void add(Map<ComponentStatus, Duration> time, ComponentStatus status, Instant from, Instant to) {
        if (status != null && to.isAfter(from)) {
            time.merge(status, Duration.between(from, to), Duration::plus);
        }
    }
}
