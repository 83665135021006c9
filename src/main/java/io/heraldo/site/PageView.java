package io.heraldo.site;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.heraldo.event.ComponentStatus;
import io.heraldo.platform.Languages;
import io.heraldo.site.Statuspage.Component;
import io.heraldo.site.Statuspage.Incident;

/** Shapes for the HTML pages: what the templates loop over, with the arithmetic done here. */
public final class PageView {

    private PageView() {
    }

    /**
     * What every page needs around its content.
     *
     * @param base the start of every link: empty, or {@code /en} when the reader chose a language (see {@link SitePaths})
     * @param self this page's path without language prefix ({@code /}, {@code /history}), for the language switch
     * @param formAction where the subscribe form posts
     * @param metaPolicy the Content-Security-Policy repeated in the page, so the static copy keeps it
     */
    public record Frame(String lang, String base, String self, String pageName, String timeZone, String css,
            String formAction, String metaPolicy) {

        public String home() {
            return SitePaths.home(base);
        }

        public String incident(String id) {
            return SitePaths.incident(base, id);
        }

        public String history() {
            return SitePaths.history(base, 1);
        }

        public String historyPage(int page) {
            return SitePaths.history(base, page);
        }

        /** The other language, offered as a link (the first other one). */
        public String otherLang() {
            return otherLangs().stream().findFirst().orElse(lang);
        }

        /** This page in the other language. */
        public String otherLangLink() {
            return langLink(otherLang());
        }

        /** Every other language of {@code heraldo.languages}, each offered as a link. */
        public List<String> otherLangs() {
            return Languages.supported().stream().filter(l -> !l.equals(lang)).toList();
        }

        /** This page in {@code other}. */
        public String langLink(String other) {
            return "/" + other + (self.equals("/") ? "" : self);
        }
    }

    /** A group of components; the components without a group form one group with no name. */
    public record Group(String name, String status, List<Component> components) {
    }

    /** One day of an uptime bar, ready to show. */
    public record DayView(String date, String worst, boolean hasData, boolean eventful, List<Share> shares,
            List<UptimeDays.IncidentSpan> incidents) {
    }

    /** Time spent in a status on a day. */
    public record Share(String status, String duration, String percent) {
    }

    /**
     * A piece of a bar, one {@code <li>}: a day that had something to say (a status other than operational, or an
     * incident), focusable, with its detail; or a run of quiet days (operational, or without data), drawn as that many
     * days by the style (class {@code k<n>}) without a popup. Most days are quiet: a run keeps the page small.
     *
     * @param css the classes: the day's worst status ({@link #statusClass}), where its popup opens ({@code l}eft
     *        edge, {@code r}ight edge, else centred), {@code n} for days without data, {@code k<n>} for a run of n
     * @param day the eventful day, or null for a run
     */
    public record Segment(String css, DayView day) {
    }

    /** A component's bar: its segments, oldest first, covering every day. */
    public record BarView(List<Segment> segments, String uptime) {

        /** How many days the segments cover. */
        public int dayCount() {
            return segments.stream().mapToInt(s -> s.day() != null ? 1 : runLength(s.css())).sum();
        }
    }

    /** Days at either end of a bar whose popup opens towards the middle, so that it stays on screen. */
    static final int EDGE_DAYS = 20;

    /** The class of a day's worst status: one letter, since a page has thousands of days. */
    public static String statusClass(ComponentStatus status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case OPERATIONAL -> "";
            case DEGRADED_PERFORMANCE -> "d";
            case PARTIAL_OUTAGE -> "p";
            case MAJOR_OUTAGE -> "m";
            case UNDER_MAINTENANCE -> "u";
        };
    }

    static int runLength(String css) {
        for (String c : css.split(" ")) {
            if (c.startsWith("k")) {
                return Integer.parseInt(c.substring(1));
            }
        }
        return 1;
    }

    public static List<Group> groups(List<Component> components) {
        Map<String, Component> groupRows = new LinkedHashMap<>();
        Map<String, List<Component>> members = new LinkedHashMap<>();
        List<Component> ungrouped = new ArrayList<>();
        for (Component component : components) {
            if (component.group()) {
                groupRows.put(component.id(), component);
                members.put(component.id(), new ArrayList<>());
            } else if (component.groupId() != null) {
                members.computeIfAbsent(component.groupId(), k -> new ArrayList<>()).add(component);
            } else {
                ungrouped.add(component);
            }
        }
        List<Group> groups = new ArrayList<>();
        if (!ungrouped.isEmpty()) {
            groups.add(new Group(null, null, ungrouped));
        }
        groupRows.forEach((id, row) -> groups.add(new Group(row.name(), row.status(), members.get(id))));
        return groups;
    }

    public static BarView bar(UptimeHistory.Bar bar) {
        List<Segment> segments = new ArrayList<>();
        List<UptimeDays.Day> days = bar.days();
        int runStart = 0;
        for (int i = 0; i <= days.size(); i++) {
            UptimeDays.Day day = i < days.size() ? days.get(i) : null;
            boolean continuesRun = day != null && !day.eventful() && i > runStart
                    && day.hasData() == days.get(runStart).hasData();
            if (i > runStart && !continuesRun) {
                int length = i - runStart;
                String css = (days.get(runStart).hasData() ? "" : "n") + (length > 1 ? " k" + length : "");
                segments.add(new Segment(css.strip(), null));
                runStart = i;
            }
            if (day != null && day.eventful()) {
                segments.add(new Segment(eventfulClass(day, i, days.size()), dayView(day)));
                runStart = i + 1;
            }
        }
        return new BarView(segments, percent(bar.uptime()));
    }

    private static String eventfulClass(UptimeDays.Day day, int index, int count) {
        String edge = index < EDGE_DAYS ? "l" : index >= count - EDGE_DAYS ? "r" : "";
        return (statusClass(day.worst()) + " " + edge).strip();
    }

    private static DayView dayView(UptimeDays.Day day) {
        List<Share> shares = new ArrayList<>();
        for (Map.Entry<ComponentStatus, Duration> e : day.time().entrySet()) {
            shares.add(new Share(e.getKey().wire(), duration(e.getValue()), percent(day.share(e.getKey()))));
        }
        ComponentStatus worst = day.worst();
        return new DayView(day.date().toString(), worst == null ? "none" : worst.wire(), day.hasData(), day.eventful(),
                shares, day.incidents());
    }

    /** A share as a percentage with up to two decimals: {@code 99.95 %}; never rounds a loss up to 100. */
    public static String percent(double share) {
        double floored = Math.floor(share * 10000) / 100;
        return MetricChart.value(floored) + " %";
    }

    /** A duration as people read it: {@code 45 min}, {@code 2 h 15 min}, {@code 3 d 4 h}; under a minute {@code < 1 min}. */
    public static String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return "< 1 min";
        }
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (mins > 0 ? " " + mins + " min" : "");
        }
        return mins + " min";
    }

    /** How long an incident lasted (until resolved) or has lasted so far. */
    public static String duration(Incident incident, OffsetDateTime now) {
        OffsetDateTime start = OffsetDateTime.parse(incident.createdAt());
        OffsetDateTime end = incident.resolvedAt() == null ? now : OffsetDateTime.parse(incident.resolvedAt());
        return duration(Duration.between(start, end).isNegative() ? Duration.ZERO : Duration.between(start, end));
    }

    /** A page time ({@code 2015-02-10T13:45:00.000-03:00}) as shown: {@code 2015-02-10 13:45}; null stays empty. */
    public static String shortTime(String iso) {
        return iso == null || iso.length() < 16 ? "" : iso.substring(0, 10) + " " + iso.substring(11, 16);
    }
}
