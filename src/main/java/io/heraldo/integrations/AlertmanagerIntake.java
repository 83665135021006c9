package io.heraldo.integrations;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.event.EventParser;
import io.heraldo.event.EventPublisher;
import io.heraldo.event.InvalidEventException;
import io.heraldo.integrations.AlertRules.Ignored;
import io.heraldo.integrations.AlertRules.Report;
import io.heraldo.integrations.AlertRules.Translation;
import io.quarkus.runtime.Startup;

/**
 * Alertmanager's webhook in: each alert that names a component becomes a {@code component.status_changed} event on
 * the status events topic, keyed by the component, the way every producer publishes ({@link EventPublisher}), so the
 * intake's rules apply to it as to any other: applied once by id, and a report older than the component's standing
 * one overrides nothing. Built at start, so a wrong severity map or channel list stops the start with one sentence.
 */
@ApplicationScoped
@Startup
public class AlertmanagerIntake {

    private static final Logger LOG = Logger.getLogger(AlertmanagerIntake.class);

    /** One event published. */
    public record Published(String id, String component, String status, String time, int alert, String fingerprint) {
    }

    /** The answer: how many events were published, which, and the alerts that moved nothing with the reason. */
    public record Answer(int published, List<Published> events, List<Ignored> ignored) {
    }

    private final AlertRules rules;
    private final List<String> notify;
    private final EventPublisher publisher;
    private final ObjectMapper json;
    private final Clock clock;

    public AlertmanagerIntake(IntegrationsConfig config, EventPublisher publisher, ObjectMapper json, Clock clock) {
        this.rules = new AlertRules(config.componentLabel(), config.severityLabel(),
                SeverityMap.parse(config.severityMap()));
        this.notify = AlertRules.notifyChannels(config.notifyChannels(), EventParser.CHANNELS, channel -> LOG.warnf(
                "heraldo.integrations.notify names %s, which this build has no channel for: alerts do not notify it",
                channel));
        this.publisher = publisher;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Publishes the events of one webhook body and returns once Kafka acknowledged each.
     *
     * @throws InvalidPayloadException naming the field at fault; nothing is published then
     */
    public Answer receive(byte[] body) {
        AlertmanagerPayload payload = AlertmanagerPayload.parse(body, json);
        Translation translation = rules.translate(payload, OffsetDateTime.now(clock));
        List<Published> published = new ArrayList<>(translation.reports().size());
        for (Report report : translation.reports()) {
            try {
                publisher.publish(json.writeValueAsBytes(AlertRules.envelope(report, notify, json)));
            } catch (InvalidEventException e) {
                // what the rules let through is valid; should that ever fail, the sender hears which alert
                throw new InvalidPayloadException("alerts[" + report.alert() + "]: makes no valid event: "
                        + e.getMessage());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write an event", e);
            }
            published.add(new Published(report.eventId(), report.componentId(), report.status().wire(),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(report.time()), report.alert(), report.fingerprint()));
        }
        for (Ignored ignored : translation.ignored()) {
            LOG.debugf("Alert %d (%s) from receiver %s ignored: %s", ignored.alert(), ignored.fingerprint(),
                    payload.receiver(), ignored.reason());
        }
        return new Answer(published.size(), List.copyOf(published), translation.ignored());
    }
}
