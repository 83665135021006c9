package io.heraldo.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.event.StatusEvent.ComponentEvent;
import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.event.StatusEvent.MaintenanceEvent;
import io.heraldo.event.StatusEvent.MetricEvent;
import io.heraldo.event.StatusEvent.MetricPoint;
import io.heraldo.event.StatusEvent.NoticeEvent;

class EventParserTest {

    static final Instant NOW = Instant.parse("2015-02-10T15:00:00Z");
    static final String INCIDENT_OPENED = "09-incident-ldap-opened.json";
    static final String INCIDENT_RESOLVED = "12-incident-ldap-resolved.json";
    static final String COMPONENT = "01-component-mailbox.json";
    static final String MAINTENANCE_SCHEDULED = "05-maintenance-ldap-scheduled.json";
    static final String MAINTENANCE_STARTED = "06-maintenance-ldap-started.json";
    static final String NOTICE = "16-notice-ayuda.json";
    static final String METRIC = "17-metric-imap-latency.json";

    final ObjectMapper json = new ObjectMapper();
    final EventParser parser = new EventParser(json, "es", Clock.fixed(NOW, ZoneOffset.UTC));

    // --- helpers ------------------------------------------------------------------------------------------------

    static Stream<String> examples() {
        try (Stream<Path> files = Files.list(Path.of(EventParserTest.class.getResource("/events").toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String example) {
        try (InputStream in = EventParserTest.class.getResourceAsStream("/events/" + example)) {
            assertThat(in).as("example %s", example).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, editable copy of an example event. */
    ObjectNode example(String example) {
        try {
            return (ObjectNode) json.readTree(bytes(example));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode at(ObjectNode event, String pointer) {
        JsonNode node = event.at(pointer);
        assertThat(node.isObject()).as("%s is an object", pointer).isTrue();
        return (ObjectNode) node;
    }

    byte[] write(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    StatusEvent parse(ObjectNode event) {
        return parser.fromStructured(write(event));
    }

    void assertRejected(ObjectNode event, String messageStart) {
        assertThatThrownBy(() -> parse(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith(messageStart);
    }

    /** The binary-mode headers of an example, built from its envelope. */
    Map<String, String> binaryHeaders(ObjectNode event) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_specversion", event.get("specversion").asText());
        headers.put("ce_id", event.get("id").asText());
        headers.put("ce_source", event.get("source").asText());
        headers.put("ce_type", event.get("type").asText());
        headers.put("ce_subject", event.get("subject").asText());
        headers.put("ce_time", event.get("time").asText());
        headers.put("content-type", "application/json");
        return headers;
    }

    // --- the example story ----------------------------------------------------------------------------------------

    @Test
    void theStoryHasSeventeenExamples() {
        assertThat(examples()).hasSize(17);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleParsesInEveryStructuredWay(String example) {
        byte[] value = bytes(example);
        ObjectNode envelope = example(example);

        StatusEvent structured = parser.fromStructured(value);
        StatusEvent withHeader = parser.fromKafka(Map.of("content-type", EventParser.STRUCTURED_CONTENT_TYPE), value);
        StatusEvent withoutHeaders = parser.fromKafka(Map.of(), value);

        assertThat(withHeader).isEqualTo(structured);
        assertThat(withoutHeaders).isEqualTo(structured);
        assertThat(structured.eventId()).isEqualTo(envelope.get("id").asText());
        assertThat(structured.type().wire()).isEqualTo(envelope.get("type").asText());
        assertThat(structured.subject()).isEqualTo(envelope.get("subject").asText());
        assertThat(structured.time()).isEqualTo(OffsetDateTime.parse(envelope.get("time").asText()));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleParsesInBinaryModeToTheSameEvent(String example) {
        ObjectNode envelope = example(example);
        StatusEvent binary = parser.fromKafka(binaryHeaders(envelope), write(envelope.get("data")));
        assertThat(binary).isEqualTo(parser.fromStructured(bytes(example)));
    }

    @Test
    void incidentOpened() {
        StatusEvent event = parser.fromStructured(bytes(INCIDENT_OPENED));

        assertThat(event).isInstanceOf(IncidentEvent.class);
        IncidentEvent incident = (IncidentEvent) event;
        assertThat(incident.type()).isEqualTo(EventType.INCIDENT_OPENED);
        assertThat(incident.incidentId()).isEqualTo("inc-ldap-auth");
        assertThat(incident.title().first()).isEqualTo("Problemas de validación de usuarios");
        assertThat(incident.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(incident.impact()).isEqualTo(Impact.CRITICAL);
        assertThat(incident.components()).containsExactly(
                Map.entry("ldap", ComponentStatus.MAJOR_OUTAGE),
                Map.entry("proxy", ComponentStatus.PARTIAL_OUTAGE));
        assertThat(incident.update().body().first()).startsWith("Cerca del 70% de los usuarios");
        assertThat(incident.update().lang()).isEqualTo("es");
        assertThat(incident.update().tweet()).isNull();
        assertThat(incident.notifyChannels()).as("no notify: every channel").isNull();
        assertThat(incident.time()).isEqualTo(OffsetDateTime.parse("2015-02-10T12:40:00-03:00"));
    }

    @Test
    void incidentUpdatedWithoutImpactOrComponents() {
        IncidentEvent incident = (IncidentEvent) parser.fromStructured(bytes("10-incident-ldap-identified.json"));

        assertThat(incident.type()).isEqualTo(EventType.INCIDENT_UPDATED);
        assertThat(incident.status()).isEqualTo(IncidentStatus.IDENTIFIED);
        assertThat(incident.title()).isNull();
        assertThat(incident.impact()).isNull();
        assertThat(incident.components()).isEmpty();
    }

    @Test
    void incidentResolved() {
        IncidentEvent incident = (IncidentEvent) parser.fromStructured(bytes(INCIDENT_RESOLVED));

        assertThat(incident.type()).isEqualTo(EventType.INCIDENT_RESOLVED);
        assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(incident.components()).isEmpty();
    }

    @Test
    void incidentResolvedWithoutStatusIsResolved() {
        ObjectNode event = example(INCIDENT_RESOLVED);
        at(event, "/data/incident").remove("status");

        assertThat(((IncidentEvent) parse(event)).status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void incidentResolvedAsPostmortemIsAccepted() {
        ObjectNode event = example(INCIDENT_RESOLVED);
        at(event, "/data/incident").put("status", "postmortem");

        assertThat(((IncidentEvent) parse(event)).status()).isEqualTo(IncidentStatus.POSTMORTEM);
    }

    @Test
    void componentWithEmptyNotifyIsSilent() {
        ComponentEvent component = (ComponentEvent) parser.fromStructured(bytes(COMPONENT));

        assertThat(component.type()).isEqualTo(EventType.COMPONENT_STATUS_CHANGED);
        assertThat(component.componentId()).isEqualTo("mailbox");
        assertThat(component.name()).isEqualTo("Mailbox");
        assertThat(component.group()).isEqualTo("Servidores");
        assertThat(component.status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(component.reason()).isNull();
        assertThat(component.notifyChannels()).as("notify: [] means silent").isNotNull().isEmpty();
    }

    @Test
    void componentOutageWithReason() {
        ComponentEvent component = (ComponentEvent) parser.fromStructured(bytes("13-component-mailbox-outage.json"));

        assertThat(component.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(component.reason()).isEqualTo("Falló un servidor de virtualización.");
        assertThat(component.name()).isNull();
        assertThat(component.notifyChannels()).isNull();
    }

    @Test
    void maintenanceScheduled() {
        MaintenanceEvent maintenance = (MaintenanceEvent) parser.fromStructured(bytes(MAINTENANCE_SCHEDULED));

        assertThat(maintenance.type()).isEqualTo(EventType.MAINTENANCE_SCHEDULED);
        assertThat(maintenance.maintenanceId()).isEqualTo("mnt-ldap-2");
        assertThat(maintenance.status()).isEqualTo(MaintenanceStatus.SCHEDULED);
        assertThat(maintenance.scheduledFor()).isEqualTo(OffsetDateTime.parse("2015-02-09T22:00:00-03:00"));
        assertThat(maintenance.scheduledUntil()).isEqualTo(OffsetDateTime.parse("2015-02-09T23:30:00-03:00"));
        assertThat(maintenance.components()).containsExactly("ldap");
        assertThat(maintenance.update().lang()).isEqualTo("es");
    }

    @Test
    void maintenanceStartedLeavesUnsaidFieldsNull() {
        MaintenanceEvent maintenance = (MaintenanceEvent) parser.fromStructured(bytes(MAINTENANCE_STARTED));

        assertThat(maintenance.status()).isEqualTo(MaintenanceStatus.IN_PROGRESS);
        assertThat(maintenance.title()).isNull();
        assertThat(maintenance.scheduledFor()).isNull();
        assertThat(maintenance.scheduledUntil()).isNull();
        assertThat(maintenance.components()).as("components not given: unchanged").isNull();
    }

    @Test
    void maintenanceTypeImpliesStatusWhenNoneGiven() {
        ObjectNode event = example("07-maintenance-ldap-completed.json");
        at(event, "/data/maintenance").remove("status");

        assertThat(((MaintenanceEvent) parse(event)).status()).isEqualTo(MaintenanceStatus.COMPLETED);
    }

    @Test
    void maintenanceWithoutUpdateHasNone() {
        ObjectNode event = example(MAINTENANCE_STARTED);
        at(event, "/data").remove("update");

        assertThat(((MaintenanceEvent) parse(event)).update()).isNull();
    }

    @Test
    void notice() {
        NoticeEvent notice = (NoticeEvent) parser.fromStructured(bytes(NOTICE));

        assertThat(notice.noticeId()).isEqualTo("notice-ayuda");
        assertThat(notice.title().first()).isEqualTo("Nueva dirección de soporte");
        assertThat(notice.body().first()).contains("ayuda@zboxapp.com");
        assertThat(notice.lang()).isEqualTo("es");
    }

    @Test
    void metric() {
        MetricEvent metric = (MetricEvent) parser.fromStructured(bytes(METRIC));

        assertThat(metric.metricId()).isEqualTo("imap-login-latency");
        assertThat(metric.unit()).isEqualTo("ms");
        assertThat(metric.points()).hasSize(6);
        assertThat(metric.points().get(0)).isEqualTo(new MetricPoint(OffsetDateTime.parse("2015-02-10T12:30:00-03:00"), 120));
        assertThat(metric.points()).extracting(MetricPoint::v).containsExactly(120.0, 118.0, 2400.0, 3100.0, 2900.0, 2800.0);
    }

    @Test
    void langDefaultsToTheConfiguredLanguage() {
        EventParser english = new EventParser(json, "en", Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(((IncidentEvent) english.fromStructured(bytes(INCIDENT_OPENED))).update().lang()).isEqualTo("en");
        assertThat(((NoticeEvent) english.fromStructured(bytes(NOTICE))).lang()).isEqualTo("en");
    }

    @Test
    void explicitLangAndTweetAreKept() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/update").put("lang", "en").put("tweet", "LDAP down, investigating");

        IncidentEvent incident = (IncidentEvent) parse(event);
        assertThat(incident.update().lang()).isEqualTo("en");
        assertThat(incident.update().tweet()).isEqualTo("LDAP down, investigating");
    }

    @Test
    void missingTimeIsWhenReceived() {
        ObjectNode event = example(INCIDENT_OPENED);
        event.remove("time");

        assertThat(parse(event).time()).isEqualTo(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
    }

    @Test
    void notifyChannelsAreKeptOnceEach() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data").putArray("notify").add("email").add("twitter").add("email");

        assertThat(((IncidentEvent) parse(event)).notifyChannels()).containsExactly("email", "twitter");
    }

    @Test
    void notifyNamesEveryChannelOfTheContract() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data").putArray("notify").add("chat").add("webhook").add("mastodon").add("bluesky");

        assertThat(((IncidentEvent) parse(event)).notifyChannels())
                .containsExactly("chat", "webhook", "mastodon", "bluesky");
    }

    @Test
    void limitsAreInclusive() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/incident").put("id", "i".repeat(64)).put("title", "t".repeat(EventDataReader.MAX_TITLE));
        at(event, "/data/update").put("body", "b".repeat(EventDataReader.MAX_BODY)).put("tweet", "w".repeat(EventDataReader.MAX_TWEET));

        IncidentEvent incident = (IncidentEvent) parse(event);
        assertThat(incident.incidentId()).hasSize(64);
        assertThat(incident.title().first()).hasSize(EventDataReader.MAX_TITLE);
        assertThat(incident.update().body().first()).hasSize(EventDataReader.MAX_BODY);
        assertThat(incident.update().tweet()).hasSize(EventDataReader.MAX_TWEET);
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        ObjectNode event = example(INCIDENT_OPENED);
        String title = "🔥".repeat(EventDataReader.MAX_TITLE);
        at(event, "/data/incident").put("title", title);

        assertThat(((IncidentEvent) parse(event)).title().first()).isEqualTo(title);
    }

    @Test
    void structuredWithJsonContentTypeIsAccepted() {
        StatusEvent event = parser.fromKafka(Map.of("content-type", "application/json; charset=utf-8"), bytes(INCIDENT_OPENED));

        assertThat(event.eventId()).isEqualTo("zbox-2015-09");
    }

    // --- binary mode ----------------------------------------------------------------------------------------------

    @Test
    void binaryMode() {
        Map<String, String> headers = Map.of(
                "ce_specversion", "1.0",
                "ce_id", "bin-1",
                "ce_source", "/ops/console",
                "ce_type", "incident.opened",
                "ce_subject", "inc-ldap-auth",
                "ce_time", "2015-02-10T12:40:00-03:00",
                "content-type", "application/json");
        byte[] data = write(example(INCIDENT_OPENED).get("data"));

        IncidentEvent incident = (IncidentEvent) parser.fromKafka(headers, data);

        assertThat(incident.eventId()).isEqualTo("bin-1");
        assertThat(incident.type()).isEqualTo(EventType.INCIDENT_OPENED);
        assertThat(incident.time()).isEqualTo(OffsetDateTime.parse("2015-02-10T12:40:00-03:00"));
        assertThat(incident.incidentId()).isEqualTo("inc-ldap-auth");
        assertThat(incident.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(incident.impact()).isEqualTo(Impact.CRITICAL);
        assertThat(incident.components()).containsEntry("ldap", ComponentStatus.MAJOR_OUTAGE);
        assertThat(incident.update().lang()).isEqualTo("es");
    }

    @Test
    void binaryModeWithoutContentTypeOrTime() {
        Map<String, String> headers = binaryHeaders(example(INCIDENT_OPENED));
        headers.remove("content-type");
        headers.remove("ce_time");
        headers.remove("ce_subject");

        StatusEvent event = parser.fromKafka(headers, write(example(INCIDENT_OPENED).get("data")));

        assertThat(event.subject()).isEqualTo("inc-ldap-auth");
        assertThat(event.time()).isEqualTo(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
    }

    // --- rejections: one per reason -------------------------------------------------------------------------------


    @Test
    void rejectsEmptyValue() {
        assertThatThrownBy(() -> parser.fromStructured(new byte[0]))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("record value: is empty");
        assertThatThrownBy(() -> parser.fromKafka(Map.of(), new byte[0]))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("record value: is empty");
    }

    @Test
    void rejectsNotJson() {
        byte[] value = "{\"specversion\": \"1.0\", ".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> parser.fromStructured(value))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("record value: is not valid JSON");
    }

    @Test
    void rejectsJsonArrayInsteadOfObject() {
        byte[] value = write(json.createArrayNode().add(example(INCIDENT_OPENED)));
        assertThatThrownBy(() -> parser.fromStructured(value))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("record value: a CloudEvent must be a JSON object");
    }

    @Test
    void rejectsSpecVersion03() {
        ObjectNode event = example(INCIDENT_OPENED);
        event.put("specversion", "0.3");
        assertRejected(event, "specversion: '0.3' is not supported");
    }

    @Test
    void rejectsMissingId() {
        ObjectNode event = example(INCIDENT_OPENED);
        event.remove("id");
        assertRejected(event, "id: is required");
    }

    @Test
    void rejectsMissingSource() {
        ObjectNode event = example(INCIDENT_OPENED);
        event.remove("source");
        assertRejected(event, "source: is required");
    }

    @Test
    void rejectsUnknownType() {
        ObjectNode event = example(INCIDENT_OPENED);
        event.put("type", "incident.deleted");
        assertRejected(event, "type: 'incident.deleted' is not a known event type");
    }

    @Test
    void rejectsMissingData() {
        ObjectNode event = example(INCIDENT_OPENED);
        event.remove("data");
        assertRejected(event, "data: is required");
    }

    @Test
    void rejectsDataBase64() {
        ObjectNode event = example(INCIDENT_OPENED);
        JsonNode data = event.remove("data");
        event.put("data_base64", Base64.getEncoder().encodeToString(write(data)));
        assertRejected(event, "data_base64: binary data is not accepted");
    }

    @Test
    void rejectsDataNotAnObject() {
        ObjectNode event = example(INCIDENT_OPENED);
        event.put("data", "incident inc-ldap-auth opened");
        assertRejected(event, "data: must be a JSON object");
    }

    @Test
    void rejectsDataContentTypeTextPlain() {
        ObjectNode event = example(INCIDENT_OPENED);
        event.put("datacontenttype", "text/plain");
        assertRejected(event, "datacontenttype: 'text/plain' is not JSON");
    }

    @Test
    void rejectsMissingIncident() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data").remove("incident");
        assertRejected(event, "data.incident: is required");
    }

    @Test
    void rejectsIncidentIdWithInvalidCharacters() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/incident").put("id", "inc ldap/auth");
        assertRejected(event, "data.incident.id: 'inc ldap/auth' is not an id");
    }

    @Test
    void rejectsIncidentIdOf65Characters() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/incident").put("id", "i".repeat(65));
        assertRejected(event, "data.incident.id: '" + "i".repeat(65) + "' is not an id");
    }

    @Test
    void rejectsMissingTitleOnIncidentOpened() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/incident").remove("title");
        assertRejected(event, "data.incident.title: is required");
    }

    @Test
    void rejectsTitleOf201Characters() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/incident").put("title", "t".repeat(201));
        assertRejected(event, "data.incident.title: is 201 characters, at most 200 allowed");
    }

    @Test
    void rejectsBodyOf5001Characters() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/update").put("body", "b".repeat(5001));
        assertRejected(event, "data.update.body: is 5001 characters, at most 5000 allowed");
    }

    @Test
    void rejectsBlankBody() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/update").put("body", " \t\n ");
        assertRejected(event, "data.update.body: must not be blank");
    }

    @Test
    void rejectsUnknownIncidentStatus() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/incident").put("status", "fixed");
        assertRejected(event, "data.incident.status: 'fixed' is not one of");
    }

    @Test
    void rejectsUnknownImpact() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/incident").put("impact", "catastrophic");
        assertRejected(event, "data.incident.impact: 'catastrophic' is not one of");
    }

    @Test
    void rejectsComponentsWithBadStatus() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/incident/components").put("ldap", "down");
        assertRejected(event, "data.incident.components.ldap: 'down' is not one of");
    }

    @Test
    void rejectsComponentsWithNonStringStatus() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/incident/components").put("ldap", 3);
        assertRejected(event, "data.incident.components.ldap: must be a component status string");
    }

    @Test
    void rejectsIncidentResolvedWithStatusInvestigating() {
        ObjectNode event = example(INCIDENT_RESOLVED);
        at(event, "/data/incident").put("status", "investigating");
        assertRejected(event, "data.incident.status: must be resolved (or postmortem) in incident.resolved, not 'investigating'");
    }

    @Test
    void rejectsMissingUpdateOnIncident() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data").remove("update");
        assertRejected(event, "data.update: is required");
    }

    @Test
    void rejectsBadTime() {
        ObjectNode event = example(INCIDENT_OPENED);
        event.put("time", "10/02/2015 12:40");
        assertRejected(event, "time: '10/02/2015 12:40' is not an RFC 3339 timestamp");
    }

    @Test
    void rejectsMaintenanceScheduledWithoutScheduledFor() {
        ObjectNode event = example(MAINTENANCE_SCHEDULED);
        at(event, "/data/maintenance").remove("scheduledFor");
        assertRejected(event, "data.maintenance.scheduledFor: is required");
    }

    @Test
    void rejectsScheduledUntilBeforeScheduledFor() {
        ObjectNode event = example(MAINTENANCE_SCHEDULED);
        at(event, "/data/maintenance").put("scheduledUntil", "2015-02-09T21:00:00-03:00");
        assertRejected(event, "data.maintenance.scheduledUntil: must be after scheduledFor");
    }

    @Test
    void rejectsMaintenanceStartedWithStatusCompleted() {
        ObjectNode event = example(MAINTENANCE_STARTED);
        at(event, "/data/maintenance").put("status", "completed");
        assertRejected(event, "data.maintenance.status: 'completed' contradicts the type maintenance.started");
    }

    @Test
    void rejectsMaintenanceComponentsNotAnArray() {
        ObjectNode event = example(MAINTENANCE_SCHEDULED);
        at(event, "/data/maintenance").put("components", "ldap");
        assertRejected(event, "data.maintenance.components: must be an array of component ids");
    }

    @Test
    void rejectsComponentStatusChangedWithUnknownStatus() {
        ObjectNode event = example(COMPONENT);
        at(event, "/data/component").put("status", "broken");
        assertRejected(event, "data.component.status: 'broken' is not one of");
    }

    @Test
    void rejectsNotifyUnknownChannel() {
        ObjectNode event = example(COMPONENT);
        at(event, "/data").putArray("notify").add("email").add("sms");
        assertRejected(event, "data.notify[1]: 'sms' is not a channel");
    }

    @Test
    void rejectsNotifyNotAnArray() {
        ObjectNode event = example(COMPONENT);
        at(event, "/data").put("notify", "email");
        assertRejected(event, "data.notify: must be an array of channels");
    }

    @Test
    void rejectsLangFr() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/update").put("lang", "fr");
        assertRejected(event, "data.update.lang: 'fr' is not a supported language");
    }

    @Test
    void rejectsTweetOver280() {
        ObjectNode event = example(INCIDENT_OPENED);
        at(event, "/data/update").put("tweet", "w".repeat(281));
        assertRejected(event, "data.update.tweet: is 281 characters, at most 280 allowed");
    }

    @Test
    void rejectsNoticeWithoutBody() {
        ObjectNode event = example(NOTICE);
        at(event, "/data/notice").remove("body");
        assertRejected(event, "data.notice.body: is required");
    }

    @Test
    void rejectsMetricWithoutPoints() {
        ObjectNode event = example(METRIC);
        at(event, "/data").remove("points");
        assertRejected(event, "data.points: is required");
    }

    @Test
    void rejectsMetricPointValueNotANumber() {
        ObjectNode event = example(METRIC);
        at(event, "/data/points/2").put("v", "2400");
        assertRejected(event, "data.points[2].v: must be a finite number");
    }

    @Test
    void rejectsMetricPointBadTime() {
        ObjectNode event = example(METRIC);
        at(event, "/data/points/1").put("t", "12:35");
        assertRejected(event, "data.points[1].t: '12:35' is not an RFC 3339 timestamp");
    }

    @Test
    void rejectsStructuredModeWithNonJsonContentType() {
        assertThatThrownBy(() -> parser.fromKafka(Map.of("content-type", "text/plain"), bytes(INCIDENT_OPENED)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("content-type: 'text/plain' is neither application/cloudevents+json");
    }

    @Test
    void rejectsBinaryModeWithoutCeId() {
        ObjectNode event = example(INCIDENT_OPENED);
        Map<String, String> headers = binaryHeaders(event);
        headers.remove("ce_id");
        assertThatThrownBy(() -> parser.fromKafka(headers, write(event.get("data"))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("ce_id: header is required in binary mode");
    }

    @Test
    void rejectsBinaryModeWithContentTypeTextPlain() {
        ObjectNode event = example(INCIDENT_OPENED);
        Map<String, String> headers = binaryHeaders(event);
        headers.put("content-type", "text/plain");
        assertThatThrownBy(() -> parser.fromKafka(headers, write(event.get("data"))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("content-type: 'text/plain' is not JSON");
    }

    @Test
    void contentTypesAreCaseInsensitive() {
        ObjectNode event = example(INCIDENT_OPENED);
        assertThat(parser.fromKafka(Map.of("content-type", "Application/CloudEvents+JSON; charset=UTF-8"), write(event)))
                .isEqualTo(parse(event));
        Map<String, String> headers = binaryHeaders(event);
        headers.put("content-type", "Application/JSON");
        assertThat(parser.fromKafka(headers, write(event.get("data")))).isEqualTo(parse(event));
    }

    @Test
    void aCloudEventsContentTypeMeansStructuredEvenWithCeHeaders() {
        ObjectNode event = example(INCIDENT_OPENED);
        Map<String, String> headers = binaryHeaders(event);
        headers.put("content-type", "application/cloudevents+json");
        assertThat(parser.fromKafka(headers, write(event))).isEqualTo(parse(event));
    }

    @Test
    void rejectsABlankOptionalTitle() {
        ObjectNode event = example("10-incident-ldap-identified.json");
        at(event, "/data/incident").put("title", "  ");
        assertRejected(event, "data.incident.title: must not be blank");
    }
}
