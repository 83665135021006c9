package io.heraldo.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.event.StatusEvent.MetricEvent;

/**
 * Values PostgreSQL cannot store are refused by the parser, naming the field, instead of being accepted and failing
 * when the event is applied: U+0000 in any text, and times outside RFC 3339's four-digit years or with an offset wider
 * than PostgreSQL takes.
 */
class UnstorableValuesTest {

    static final String NUL = "a\u0000b";

    final ObjectMapper json = new ObjectMapper();
    final EventParser parser = new EventParser(json, "es", Clock.fixed(EventParserTest.NOW, ZoneOffset.UTC));
    final EventParserTest examples = new EventParserTest();

    /** Every text of every event type: example file, JSON pointer of the parent, field name, the field in the reason. */
    static Stream<Arguments> textFields() {
        return Stream.of(
                Arguments.of(EventParserTest.INCIDENT_OPENED, "", "id", "id"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "", "source", "source"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "", "type", "type"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "", "subject", "subject"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "", "datacontenttype", "datacontenttype"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "/data/incident", "id", "data.incident.id"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "/data/incident", "title", "data.incident.title"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "/data/incident", "status", "data.incident.status"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "/data/incident", "impact", "data.incident.impact"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "/data/incident/components", "ldap",
                        "data.incident.components.ldap"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "/data/update", "body", "data.update.body"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "/data/update", "tweet", "data.update.tweet"),
                Arguments.of(EventParserTest.INCIDENT_OPENED, "/data/update", "lang", "data.update.lang"),
                Arguments.of(EventParserTest.COMPONENT, "/data/component", "id", "data.component.id"),
                Arguments.of(EventParserTest.COMPONENT, "/data/component", "name", "data.component.name"),
                Arguments.of(EventParserTest.COMPONENT, "/data/component", "group", "data.component.group"),
                Arguments.of(EventParserTest.COMPONENT, "/data/component", "status", "data.component.status"),
                Arguments.of(EventParserTest.COMPONENT, "/data", "reason", "data.reason"),
                Arguments.of(EventParserTest.MAINTENANCE_SCHEDULED, "/data/maintenance", "id", "data.maintenance.id"),
                Arguments.of(EventParserTest.MAINTENANCE_SCHEDULED, "/data/maintenance", "title", "data.maintenance.title"),
                Arguments.of(EventParserTest.MAINTENANCE_SCHEDULED, "/data/maintenance", "status", "data.maintenance.status"),
                Arguments.of(EventParserTest.NOTICE, "/data/notice", "id", "data.notice.id"),
                Arguments.of(EventParserTest.NOTICE, "/data/notice", "title", "data.notice.title"),
                Arguments.of(EventParserTest.NOTICE, "/data/notice", "body", "data.notice.body"),
                Arguments.of(EventParserTest.NOTICE, "/data/notice", "lang", "data.notice.lang"),
                Arguments.of(EventParserTest.METRIC, "/data/metric", "id", "data.metric.id"),
                Arguments.of(EventParserTest.METRIC, "/data/metric", "name", "data.metric.name"),
                Arguments.of(EventParserTest.METRIC, "/data/metric", "unit", "data.metric.unit"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("textFields")
    void aNulInAnyTextIsRefusedNamingTheField(String example, String parent, String name, String field) {
        ObjectNode event = examples.example(example);
        ObjectNode node = parent.isEmpty() ? event : EventParserTest.at(event, parent);
        node.put(name, NUL);

        assertRejected(event, field + ": contains the character U+0000 (NUL), which cannot be stored");
    }

    @Test
    void aNulInAMaintenanceComponentIdIsRefused() {
        ObjectNode event = examples.example(EventParserTest.MAINTENANCE_SCHEDULED);
        ((ArrayNode) event.at("/data/maintenance/components")).add(NUL);
        assertRejected(event, "data.maintenance.components[1]: contains the character U+0000");
    }

    @Test
    void aNulInAComponentIdUsedAsKeyIsRefusedWithoutEchoingIt() {
        ObjectNode event = examples.example(EventParserTest.INCIDENT_OPENED);
        EventParserTest.at(event, "/data/incident/components").put("web\u0000mail", "major_outage");
        assertThatThrownBy(() -> parse(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("data.incident.components.web\\u0000mail: contains the character U+0000 (NUL), which cannot be stored");
    }

    @Test
    void aNulInANotifyChannelIsRefusedWithoutEchoingIt() {
        ObjectNode event = examples.example(EventParserTest.COMPONENT);
        EventParserTest.at(event, "/data").putArray("notify").add("email\u0000");
        assertThatThrownBy(() -> parse(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("data.notify[0]: 'email\\u0000' is not a channel (email, twitter, mastodon, bluesky, webhook, chat)");
    }

    @Test
    void aNulInABinaryModeHeaderIsRefused() {
        for (String[] header : new String[][] { { "ce_id", "id" }, { "ce_source", "source" }, { "ce_subject", "subject" },
                { "ce_time", "time" } }) {
            ObjectNode event = examples.example(EventParserTest.INCIDENT_OPENED);
            Map<String, String> headers = examples.binaryHeaders(event);
            headers.put(header[0], headers.get(header[0]) + "\u0000");
            assertThatThrownBy(() -> parser.fromKafka(headers, examples.write(event.get("data"))))
                    .as(header[0])
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessageStartingWith(header[1] + ": contains the character U+0000");
        }
    }

    /** Every time of every event: example file, JSON pointer of the parent, field name, the field in the reason. */
    static Stream<Arguments> timeFields() {
        return Stream.of(
                Arguments.of(EventParserTest.INCIDENT_OPENED, "", "time", "time"),
                Arguments.of(EventParserTest.MAINTENANCE_SCHEDULED, "/data/maintenance", "scheduledFor",
                        "data.maintenance.scheduledFor"),
                Arguments.of(EventParserTest.MAINTENANCE_SCHEDULED, "/data/maintenance", "scheduledUntil",
                        "data.maintenance.scheduledUntil"),
                Arguments.of(EventParserTest.METRIC, "/data/points/3", "t", "data.points[3].t"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("timeFields")
    void aYearBeyondFourDigitsIsRefused(String example, String parent, String name, String field) {
        for (String time : new String[] { "+999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z" }) {
            ObjectNode event = withTime(example, parent, name, time);
            assertRejected(event, field + ": '" + time + "' is not an RFC 3339 timestamp (the year must be 4 digits");
        }
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("timeFields")
    void anOffsetWiderThanPostgresqlTakesIsRefused(String example, String parent, String name, String field) {
        ObjectNode event = withTime(example, parent, name, "2015-02-10T12:40:00+16:00");
        assertRejected(event, field + ": '2015-02-10T12:40:00+16:00' has the offset +16:00, which cannot be stored");
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("timeFields")
    void aNulInATimeIsRefused(String example, String parent, String name, String field) {
        ObjectNode event = withTime(example, parent, name, "2015-02-10T12:40:00Z\u0000");
        assertRejected(event, field + ": contains the character U+0000");
    }

    @Test
    void theEdgesOfWhatCanBeStoredAreAccepted() {
        // Both ends of RFC 3339 with the widest offset PostgreSQL stores (0000 is 1 BC).
        for (String time : new String[] { "0000-01-01T00:00:00-15:59", "9999-12-31T23:59:59.999999-15:59",
                "0000-01-01T00:00:00+15:59" }) {
            ObjectNode event = withTime(EventParserTest.METRIC, "/data/points/0", "t", time);
            MetricEvent metric = (MetricEvent) parse(event);
            assertThat(metric.points().get(0).t()).isEqualTo(OffsetDateTime.parse(time));
        }
    }

    @Test
    void otherControlCharactersStayAllowedInText() {
        // Tabs and line breaks are ordinary in bodies; PostgreSQL stores every character but U+0000.
        ObjectNode event = examples.example(EventParserTest.INCIDENT_OPENED);
        EventParserTest.at(event, "/data/update").put("body", "line one\n\tline two\r\n\u0001");
        assertThat(((StatusEvent.IncidentEvent) parse(event)).update().body().first()).isEqualTo("line one\n\tline two\r\n\u0001");
    }

    private ObjectNode withTime(String example, String parent, String name, String time) {
        ObjectNode event = examples.example(example);
        JsonNode node = parent.isEmpty() ? event : event.at(parent);
        ((ObjectNode) node).put(name, time);
        return event;
    }

    private StatusEvent parse(ObjectNode event) {
        return parser.fromStructured(examples.write(event));
    }

    private void assertRejected(ObjectNode event, String messageStart) {
        assertThatThrownBy(() -> parse(event))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith(messageStart);
    }
}
