package io.heraldo.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.ws.rs.core.MultivaluedMap;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.Impact;
import io.heraldo.event.IncidentStatus;
import io.heraldo.platform.WireEnum;

/**
 * The incident form of CONTRACT section 7, as submitted: {@code title.es}, {@code title.en}, {@code body.es},
 * {@code body.en}, {@code status}, {@code impact}, {@code component.<id>} (a component status, or empty for untouched),
 * {@code notify} (repeated), plus the ids the form was opened with ({@code id}, {@code event}), so that a form sent
 * twice publishes one event. Text is kept exactly as typed: it is data, escaped wherever it is shown.
 */
public record IncidentForm(String id, String eventId, String titleEs, String titleEn, String bodyEs, String bodyEn,
        String status, String impact, Map<String, String> components, Set<String> notified) {

    /** The languages the form has fields for (CONTRACT section 7): the previews show these. */
    public static final List<String> LANGUAGES = List.of("es", "en");

    /** Every channel an operator can choose, in the order the form lists them. */
    public static final List<String> CHANNELS = List.of("email", "twitter", "mastodon", "bluesky", "webhook", "chat");

    /** A field at fault and what to say about it. */
    public record Problem(String field, Function<ConsoleMessages, String> text) {
    }

    /** A blank form for a new incident: fresh ids, every channel notified. */
    public static IncidentForm opening(String incidentId) {
        return new IncidentForm(incidentId, newEventId(), "", "", "", "", "investigating", "minor", Map.of(),
                new LinkedHashSet<>(CHANNELS));
    }

    /** A blank update of an incident, at its current status and impact. */
    public static IncidentForm updating(String incidentId, String status, String impact) {
        return new IncidentForm(incidentId, newEventId(), "", "", "", "", status, impact, Map.of(),
                new LinkedHashSet<>(CHANNELS));
    }

    public static IncidentForm read(MultivaluedMap<String, String> form) {
        Map<String, String> components = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("component.") && !values.isEmpty() && !values.get(0).isBlank()) {
                components.put(name.substring("component.".length()), values.get(0).strip());
            }
        });
        Set<String> notify = new LinkedHashSet<>();
        List<String> checked = form.get("notify");
        if (checked != null) {
            checked.stream().filter(CHANNELS::contains).forEach(notify::add);
        }
        String eventId = value(form, "event");
        return new IncidentForm(value(form, "id"), eventId.isEmpty() ? newEventId() : eventId, value(form, "title.es"),
                value(form, "title.en"), value(form, "body.es"), value(form, "body.en"), value(form, "status"),
                value(form, "impact"), components, notify);
    }

    /** What is wrong with the form; empty when it can be published. A new incident needs a title. */
    public List<Problem> problems(boolean opening) {
        List<Problem> problems = new ArrayList<>();
        if (opening && titleEs.isBlank() && titleEn.isBlank()) {
            problems.add(new Problem("title", ConsoleMessages::titleRequired));
        }
        if (bodyEs.isBlank() && bodyEn.isBlank()) {
            problems.add(new Problem("body", ConsoleMessages::bodyRequired));
        }
        check(problems, "status", status, IncidentStatus.class);
        if (!impact.isEmpty()) {
            check(problems, "impact", impact, Impact.class);
        }
        components.forEach((component, value) -> check(problems, "component." + component, value,
                ComponentStatus.class));
        return problems;
    }

    /** What is wrong with a notice: it needs a title and a text; status, impact and components are not its own. */
    public List<Problem> noticeProblems() {
        List<Problem> problems = new ArrayList<>();
        if (titleEs.isBlank() && titleEn.isBlank()) {
            problems.add(new Problem("title", ConsoleMessages::titleRequired));
        }
        if (bodyEs.isBlank() && bodyEn.isBlank()) {
            problems.add(new Problem("body", ConsoleMessages::bodyRequired));
        }
        return problems;
    }

    /** A blank notice: fresh ids, every channel notified. */
    public static IncidentForm notice(String noticeId) {
        return new IncidentForm(noticeId, newEventId(), "", "", "", "", "", "", Map.of(),
                new LinkedHashSet<>(CHANNELS));
    }

    /** The title in {@code lang}, else in the other language. */
    public String title(String lang) {
        return pick(lang, titleEs, titleEn);
    }

    /** The message in {@code lang}, else in the other language. */
    public String body(String lang) {
        return pick(lang, bodyEs, bodyEn);
    }

    /** The language the text shown to a reader of {@code lang} is written in. */
    public String bodyLang(String lang) {
        boolean has = "en".equals(lang) ? !bodyEn.isBlank() : !bodyEs.isBlank();
        return has ? lang : ("en".equals(lang) ? "es" : "en");
    }

    public boolean resolves() {
        return "resolved".equals(status);
    }

    /** The channels the form offers. */
    public List<String> channels() {
        return CHANNELS;
    }

    public boolean notifies(String channel) {
        return notified.contains(channel);
    }

    /** The component's chosen status, or empty when untouched. */
    public String component(String componentId) {
        return components.getOrDefault(componentId, "");
    }

    private static String pick(String lang, String es, String en) {
        String first = "en".equals(lang) ? en : es;
        return first.isBlank() ? ("en".equals(lang) ? es : en) : first;
    }

    private static <E extends Enum<E> & WireEnum> void check(List<Problem> problems, String field, String value,
            Class<E> type) {
        try {
            WireEnum.of(type, value);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(field, words -> words.field(field) + ": " + e.getMessage()));
        }
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }

    static String newEventId() {
        return "console-" + UUID.randomUUID();
    }
}
