package io.heraldo.integrations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.heraldo.event.ComponentStatus;

/**
 * Which component status a firing alert of each severity stands for ({@code heraldo.integrations.severity-map}),
 * written {@code critical=major_outage,warning=degraded_performance}: severities are compared without regard to case,
 * statuses are the contract's.
 */
public final class SeverityMap {

    public static final String DEFAULT = "critical=major_outage,warning=degraded_performance";

    private final Map<String, ComponentStatus> statuses;

    private SeverityMap(Map<String, ComponentStatus> statuses) {
        this.statuses = Collections.unmodifiableMap(statuses);
    }

    /** @throws IllegalArgumentException naming the property and the entry at fault */
    public static SeverityMap parse(String text) {
        Map<String, ComponentStatus> statuses = new LinkedHashMap<>();
        String[] entries = text == null ? new String[0] : text.split(",");
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("heraldo.integrations.severity-map: '" + entry
                        + "' is not severity=status (e.g. " + DEFAULT + ")");
            }
            String severity = entry.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String status = entry.substring(equals + 1).strip();
            try {
                statuses.put(severity, ComponentStatus.of(status));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("heraldo.integrations.severity-map: '" + entry + "': "
                        + e.getMessage());
            }
        }
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("heraldo.integrations.severity-map: names no severity (e.g. " + DEFAULT
                    + ")");
        }
        return new SeverityMap(statuses);
    }

    /** The status a firing alert of this severity stands for; empty for a severity not in the map (or none). */
    public Optional<ComponentStatus> statusOf(String severity) {
        return severity == null ? Optional.empty()
                : Optional.ofNullable(statuses.get(severity.strip().toLowerCase(Locale.ROOT)));
    }

    /** The severities in the map, as configured (lower case). */
    public String severities() {
        return String.join(", ", statuses.keySet());
    }
}
