package io.heraldo.integrations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.EventParser;
import io.heraldo.integrations.AlertmanagerPayload.Alert;

/**
 * What the alerts of one webhook say about components, as {@code component.status_changed} reports. Plain functions
 * of the body, the settings and the time it arrived.
 * <ul>
 * <li>An alert names its component by a label ({@code heraldo.integrations.component-label}); one without it, or
 * with a value that is no component id, is ignored. So is one whose severity is not in the severity map: it would
 * never have moved the component, so its resolution moves nothing either.</li>
 * <li>A firing alert reports the worst status of the component's alerts in the same body that had started by its own
 * {@code startsAt}, at that time; a resolved one reports, at its {@code endsAt}, the worst of those still firing, or
 * {@code operational}. So when Alertmanager groups a component's alerts together (route {@code group_by} the
 * component label), one alert resolving while another still fires does not clear the component.</li>
 * <li>The event's id is derived from the component, the alert's fingerprint, {@code startsAt}, status and the
 * status it reports: a body sent again makes the same events, which the intake applies once.</li>
 * </ul>
 */
public final class AlertRules {

    public static final String SOURCE = "/integrations/alertmanager";
    /** The channels {@code notify} may name (contract, section 1). */
    static final Set<String> CHANNELS = Set.of("email", "twitter", "mastodon", "bluesky", "webhook", "chat");
    static final String NO_CHANNEL = "none";

    private static final Pattern COMPONENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final List<String> REASON_ANNOTATIONS = List.of("summary", "description", "message");

    /** One event to publish: alert {@code alert} of the body moves {@code componentId} to {@code status} at {@code time}. */
    public record Report(int alert, String fingerprint, String eventId, String componentId, ComponentStatus status,
            OffsetDateTime time, String reason) {
    }

    /** An alert that moves nothing, and why. */
    public record Ignored(int alert, String fingerprint, String reason) {
    }

    /** @param reports in the order to publish them: by time, then by place in the body */
    public record Translation(List<Report> reports, List<Ignored> ignored) {
    }

    private record Rated(Alert alert, ComponentStatus status) {
    }

    private final String componentLabel;
    private final String severityLabel;
    private final SeverityMap severities;

    public AlertRules(String componentLabel, String severityLabel, SeverityMap severities) {
        this.componentLabel = componentLabel;
        this.severityLabel = severityLabel;
        this.severities = severities;
    }

    /** @param now when the body arrived: the time of a resolution whose {@code endsAt} is missing */
    public Translation translate(AlertmanagerPayload payload, OffsetDateTime now) {
        Map<String, List<Rated>> byComponent = new LinkedHashMap<>();
        List<Ignored> ignored = new ArrayList<>();
        for (Alert alert : payload.alerts()) {
            String component = alert.labels().get(componentLabel);
            String severity = alert.labels().get(severityLabel);
            if (component == null || component.isBlank()) {
                ignored.add(new Ignored(alert.index(), alert.fingerprint(), "no " + componentLabel + " label"));
            } else if (!COMPONENT_ID.matcher(component).matches()) {
                ignored.add(new Ignored(alert.index(), alert.fingerprint(), "label " + componentLabel + ": '"
                        + AlertmanagerPayload.abbreviate(component) + "' is not a component id (1 to 64 of A-Z a-z 0-9 . _ : -)"));
            } else {
                var status = severities.statusOf(severity);
                if (status.isEmpty()) {
                    ignored.add(new Ignored(alert.index(), alert.fingerprint(), (severity == null
                            ? "no " + severityLabel + " label"
                            : severityLabel + " '" + AlertmanagerPayload.abbreviate(severity) + "' is not")
                            + " in heraldo.integrations.severity-map (" + severities.severities() + ")"));
                } else {
                    byComponent.computeIfAbsent(component, c -> new ArrayList<>()).add(new Rated(alert, status.get()));
                }
            }
        }
        List<Report> reports = new ArrayList<>();
        byComponent.forEach((component, rated) -> {
            List<Rated> firing = rated.stream().filter(r -> r.alert().firing()).toList();
            for (Rated r : rated) {
                reports.add(report(component, r.alert(), firing, now));
            }
        });
        reports.sort(Comparator.comparing(Report::time).thenComparing(Report::alert));
        return new Translation(List.copyOf(reports), List.copyOf(ignored));
    }

    private static Report report(String component, Alert alert, List<Rated> firing, OffsetDateTime now) {
        OffsetDateTime time;
        if (alert.firing()) {
            time = alert.startsAt();
        } else {
            // an end before the start is no end anyone measured: the resolution is known now
            time = alert.endsAt() != null && !alert.endsAt().isBefore(alert.startsAt()) ? alert.endsAt()
                    : now.withOffsetSameInstant(ZoneOffset.UTC);
        }
        Rated decider = worstFiringBy(firing, time);
        ComponentStatus status = decider == null ? ComponentStatus.OPERATIONAL : decider.status();
        String reason = decider == null ? resolved(reasonOf(alert)) : reasonOf(decider.alert());
        return new Report(alert.index(), alert.fingerprint(), eventId(component, alert, status), component, status,
                time, reason);
    }

    /** The worst of the alerts firing at {@code time} (started by then); the latest started among equals. */
    private static Rated worstFiringBy(List<Rated> firing, OffsetDateTime time) {
        Rated worst = null;
        for (Rated r : firing) {
            if (r.alert().startsAt().isAfter(time)) {
                continue;
            }
            if (worst == null || r.status().ordinal() > worst.status().ordinal()
                    || (r.status() == worst.status() && r.alert().startsAt().isAfter(worst.alert().startsAt()))) {
                worst = r;
            }
        }
        return worst;
    }

    static String eventId(String component, Alert alert, ComponentStatus status) {
        String key = component + "\n" + alert.fingerprint() + "\n" + alert.startsAt().toInstant() + "\n"
                + (alert.firing() ? "firing" : "resolved") + "\n" + status.wire();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "alertmanager-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The alert's own words (summary, else description, else message, else its name), as plain text; or null. */
    static String reasonOf(Alert alert) {
        for (String name : REASON_ANNOTATIONS) {
            String text = plain(alert.annotations().get(name));
            if (text != null) {
                return text;
            }
        }
        return plain(alert.labels().get("alertname"));
    }

    private static String resolved(String reason) {
        return reason == null ? "[RESOLVED]" : plain("[RESOLVED] " + reason);
    }

    /**
     * Text as an event carries it: control characters but line breaks and tabs become spaces (U+0000 cannot be
     * stored), at most {@link EventParser#MAX_BODY} characters; null when nothing is left. Markup stays as it is: it
     * is data, escaped by whoever shows it.
     */
    static String plain(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(
                Character.isISOControl(c) && c != '\n' && c != '\t' ? ' ' : c));
        String clean = out.toString().strip();
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.codePointCount(0, clean.length()) > EventParser.MAX_BODY) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, EventParser.MAX_BODY - 1)) + "…";
        }
        return clean;
    }

    /** The structured CloudEvent of a report, as any producer would write it. */
    public static ObjectNode envelope(Report report, List<String> notify, ObjectMapper json) {
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", report.eventId());
        event.put("source", SOURCE);
        event.put("type", "component.status_changed");
        event.put("subject", report.componentId());
        event.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(report.time()));
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        ObjectNode component = data.putObject("component");
        component.put("id", report.componentId());
        component.put("status", report.status().wire());
        if (report.reason() != null) {
            data.put("reason", report.reason());
        }
        notify.forEach(data.putArray("notify")::add);
        return event;
    }

    /**
     * The channels of {@code heraldo.integrations.notify} that events may name in this build: a contract channel this
     * build has no channel for yet (say {@code chat}) is left out, through {@code leftOut}, rather than making every
     * event invalid. {@code none} alone: nobody is told.
     *
     * @param accepted what the event parser accepts in {@code notify}
     * @throws IllegalArgumentException for a name that is no channel of the contract
     */
    public static List<String> notifyChannels(List<String> configured, Set<String> accepted,
            Consumer<String> leftOut) {
        List<String> names = configured.stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
        if (names.equals(List.of(NO_CHANNEL))) {
            return List.of();
        }
        List<String> channels = new ArrayList<>();
        for (String name : names) {
            if (!CHANNELS.contains(name)) {
                throw new IllegalArgumentException("heraldo.integrations.notify: '" + name
                        + "' is not a channel (email, twitter, mastodon, bluesky, webhook, chat; or none alone)");
            }
            if (!accepted.contains(name)) {
                leftOut.accept(name);
            } else if (!channels.contains(name)) {
                channels.add(name);
            }
        }
        return List.copyOf(channels);
    }
}
