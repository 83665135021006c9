package io.heraldo.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.heraldo.platform.LocalizedText;


/**
 * A status event that passed validation: typed, every field within its limits. {@code notify} is {@code null} when
 * absent (every channel) and empty for a silent update.
 */
public sealed interface StatusEvent {

    String eventId();

    EventType type();

    /** When it happened: the envelope's {@code time}, else when Heraldo received it. */
    OffsetDateTime time();

    /** The id of the incident, maintenance, component, notice or metric the event is about. */
    String subject();

    /**
     * Plain text of one update, in one language or several ({@code lang} for a string body, else the default
     * locale when the event had none).
     */
    record Update(LocalizedText body, String tweet) {

        /** The language of the text a reader of no language in particular gets. */
        public String lang() {
            return body.firstLanguage();
        }
    }

    record IncidentEvent(String eventId, EventType type, OffsetDateTime time, String incidentId, LocalizedText title,
            IncidentStatus status, Impact impact, Map<String, ComponentStatus> components, Update update,
            Set<String> notifyChannels) implements StatusEvent {
        @Override
        public String subject() {
            return incidentId;
        }
    }

    record ComponentEvent(String eventId, EventType type, OffsetDateTime time, String componentId, String name,
            String group, ComponentStatus status, String reason, Set<String> notifyChannels) implements StatusEvent {
        @Override
        public String subject() {
            return componentId;
        }
    }

    record MaintenanceEvent(String eventId, EventType type, OffsetDateTime time, String maintenanceId, LocalizedText title,
            MaintenanceStatus status, OffsetDateTime scheduledFor, OffsetDateTime scheduledUntil, List<String> components,
            Update update, Set<String> notifyChannels) implements StatusEvent {
        @Override
        public String subject() {
            return maintenanceId;
        }
    }

    record NoticeEvent(String eventId, EventType type, OffsetDateTime time, String noticeId, LocalizedText title,
            LocalizedText body, Set<String> notifyChannels) implements StatusEvent {

        public String lang() {
            return body.firstLanguage();
        }

        @Override
        public String subject() {
            return noticeId;
        }
    }

    record MetricPoint(OffsetDateTime t, double v) {
    }

    record MetricEvent(String eventId, EventType type, OffsetDateTime time, String metricId, String name, String unit,
            List<MetricPoint> points) implements StatusEvent {
        @Override
        public String subject() {
            return metricId;
        }
    }
}
