package io.heraldo.console;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedMap;

import io.heraldo.event.MaintenanceStatus;
import io.heraldo.platform.WireEnum;

/**
 * The maintenance form: the texts of the incident form ({@code title.es}, {@code title.en}, {@code body.es},
 * {@code body.en}), {@code status}, the window {@code scheduledFor} and {@code scheduledUntil} (the page's time zone,
 * as a browser's date-and-time field gives them: {@code 2026-12-01T02:00}), {@code components} (repeated: ids) and
 * {@code notify}; {@code id} and {@code event} fixed when the form was opened.
 */
public record MaintenanceForm(String id, String eventId, String titleEs, String titleEn, String bodyEs, String bodyEn,
        String status, String scheduledFor, String scheduledUntil, Set<String> components, Set<String> notified) {

    public static MaintenanceForm scheduling(String id) {
        return new MaintenanceForm(id, IncidentForm.newEventId(), "", "", "", "", "scheduled", "", "",
                new LinkedHashSet<>(), new LinkedHashSet<>(IncidentForm.CHANNELS));
    }

    public static MaintenanceForm updating(String id, String status) {
        return new MaintenanceForm(id, IncidentForm.newEventId(), "", "", "", "", status, "", "",
                new LinkedHashSet<>(), new LinkedHashSet<>(IncidentForm.CHANNELS));
    }

    public static MaintenanceForm read(MultivaluedMap<String, String> form) {
        IncidentForm texts = IncidentForm.read(form);
        Set<String> components = new LinkedHashSet<>();
        List<String> checked = form.get("components");
        if (checked != null) {
            checked.stream().filter(c -> !c.isBlank()).map(String::strip).forEach(components::add);
        }
        return new MaintenanceForm(texts.id(), texts.eventId(), texts.titleEs(), texts.titleEn(), texts.bodyEs(),
                texts.bodyEn(), texts.status(), value(form, "scheduledFor"), value(form, "scheduledUntil"), components,
                texts.notified());
    }

    /** What is wrong; a new maintenance needs a title and its window. */
    public List<IncidentForm.Problem> problems(boolean opening, ZoneId zone) {
        List<IncidentForm.Problem> problems = new ArrayList<>();
        if (opening && titleEs.isBlank() && titleEn.isBlank()) {
            problems.add(new IncidentForm.Problem("title", ConsoleMessages::titleRequired));
        }
        try {
            WireEnum.of(MaintenanceStatus.class, status);
        } catch (IllegalArgumentException e) {
            problems.add(new IncidentForm.Problem("status", words -> words.field("status") + ": " + e.getMessage()));
        }
        OffsetDateTime from = time(scheduledFor, zone);
        OffsetDateTime until = time(scheduledUntil, zone);
        if ((opening || !scheduledFor.isEmpty()) && from == null) {
            problems.add(new IncidentForm.Problem("scheduledFor", words -> words.windowRequired(zone.getId())));
        } else if ((opening || !scheduledUntil.isEmpty()) && until == null) {
            problems.add(new IncidentForm.Problem("scheduledUntil", words -> words.windowRequired(zone.getId())));
        } else if (from != null && until != null && !until.isAfter(from)) {
            problems.add(new IncidentForm.Problem("scheduledUntil", words -> words.windowRequired(zone.getId())));
        }
        return problems;
    }

    /** The event type the form publishes. */
    public String type(boolean opening) {
        if (opening) {
            return "maintenance.scheduled";
        }
        return switch (status) {
            case "in_progress" -> "maintenance.started";
            case "completed" -> "maintenance.completed";
            case "cancelled" -> "maintenance.cancelled";
            default -> "maintenance.updated";
        };
    }

    /** The texts, as the incident form holds them (for the shared text rules). */
    public IncidentForm texts() {
        return new IncidentForm(id, eventId, titleEs, titleEn, bodyEs, bodyEn, status, "", Map.of(),
                notified);
    }

    public boolean hasComponent(String componentId) {
        return components.contains(componentId);
    }

    public boolean notifies(String channel) {
        return notified.contains(channel);
    }

    public List<String> channels() {
        return IncidentForm.CHANNELS;
    }

    /** A date-and-time field's value in {@code zone}; {@code null} when empty or not one. */
    static OffsetDateTime time(String local, ZoneId zone) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }
}
