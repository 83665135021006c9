package io.heraldo.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Records of different subjects arrive in any order (CONTRACT §1): published here on different partitions of
 * status-events, the newer first, as two producers would. What a component shows is the newest report by event time;
 * an older one that arrives later is kept in the history at its own time; timelines are ordered by time.
 */
@QuarkusTest
class OrderAcrossSubjectsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    // Recent times, so these incidents are among the latest the API lists whatever other tests published.
    private static final OffsetDateTime AFTERNOON = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
            .minusHours(1);
    private static final OffsetDateTime NOON = AFTERNOON.minusHours(2);
    private static final OffsetDateTime MORNING = NOON.minusMinutes(80);
    private static final OffsetDateTime LAST_NIGHT = MORNING.minusHours(14);

    @Inject
    DataSource dataSource;

    private record HistoryEntry(OffsetDateTime at, String status, String eventId) {
    }

    @Test
    void anOlderComponentReportArrivingAfterTheIncidentIsKeptInTheHistoryButDoesNotOverride() throws SQLException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String component = "webmail-" + suffix;
        String incident = "inc-webmail-" + suffix;

        // This morning's incident takes the component down; it is read first.
        TestKafka.publishStructured(0, incident, incidentEvent(incident + "-opened", "incident.opened", incident, MORNING,
                "investigating", "\"components\": {\"%s\": \"major_outage\"}".formatted(component), "down"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(component(component).get("status")).isEqualTo("major_outage"));

        // Last night's registration, operational, from another producer on another partition, is read after it.
        TestKafka.publishStructured(1, component, componentEvent(component + "-registered", component, LAST_NIGHT,
                "operational", "Webmail"));
        // Its name is applied (nothing newer named the component), which says the event was read.
        await().atMost(WAIT).untilAsserted(() -> assertThat(component(component).get("name")).isEqualTo("Webmail"));

        Map<String, Object> shown = component(component);
        assertThat(shown.get("status")).isEqualTo("major_outage");
        assertThat(time(shown, "updated_at")).isAtSameInstantAs(MORNING);
        // Its history now starts last night.
        assertThat(time(shown, "created_at")).isAtSameInstantAs(LAST_NIGHT);
        assertThat(history(component)).containsExactly(
                new HistoryEntry(LAST_NIGHT, "operational", component + "-registered"),
                new HistoryEntry(MORNING, "major_outage", incident + "-opened"));

        // A newer report still takes effect, on any partition.
        TestKafka.publishStructured(2, component, componentEvent(component + "-recovered", component, AFTERNOON,
                "operational", null));
        await().atMost(WAIT).untilAsserted(() -> assertThat(component(component).get("status")).isEqualTo("operational"));
        assertThat(time(component(component), "updated_at")).isAtSameInstantAs(AFTERNOON);
    }

    @Test
    void aResolutionOlderThanTheComponentsNewestReportDoesNotOverrideIt() throws SQLException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String component = "imap-" + suffix;
        String incident = "inc-imap-" + suffix;
        TestKafka.publishStructured(0, incident, incidentEvent(incident + "-opened", "incident.opened", incident, MORNING,
                "investigating", "\"components\": {\"%s\": \"major_outage\"}".formatted(component), "down"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(component(component).get("status")).isEqualTo("major_outage"));
        // Monitoring says it is degraded this afternoon...
        TestKafka.publishStructured(1, component, componentEvent(component + "-degraded", component, AFTERNOON,
                "degraded_performance", null));
        await().atMost(WAIT).untilAsserted(() -> assertThat(component(component).get("status"))
                .isEqualTo("degraded_performance"));
        // ...and the incident's resolution at noon, which gives the component back as operational, is read after.
        TestKafka.publishStructured(0, incident, incidentEvent(incident + "-resolved", "incident.resolved", incident, NOON,
                "resolved", null, "over"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents.json").then()
                .body("incidents.find { it.id == '%s' }.status".formatted(incident), is("resolved")));

        Map<String, Object> shown = component(component);
        assertThat(shown.get("status")).isEqualTo("degraded_performance");
        assertThat(time(shown, "updated_at")).isAtSameInstantAs(AFTERNOON);
        // The resolution is in the history at noon, between the outage and the newer report.
        assertThat(history(component)).containsExactly(
                new HistoryEntry(MORNING, "major_outage", incident + "-opened"),
                new HistoryEntry(NOON, "operational", incident + "-resolved"),
                new HistoryEntry(AFTERNOON, "degraded_performance", component + "-degraded"));
    }

    @Test
    void anIncidentTimelineIsOrderedByTimeAndALateUpdateChangesNothingOfTheIncident() throws SQLException {
        String incident = "inc-late-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime opened = MORNING;
        OffsetDateTime identified = MORNING.plusMinutes(20);
        OffsetDateTime monitoring = MORNING.plusMinutes(50);
        OffsetDateTime resolved = NOON;
        // The console (through the admin API) opens and resolves; an on-call script's updates, written by another
        // producer, are read after the resolution.
        TestKafka.publishStructured(0, incident, incidentEvent(incident + "-1", "incident.opened", incident, opened,
                "investigating", null, "opened"));
        TestKafka.publishStructured(0, incident, incidentEvent(incident + "-4", "incident.resolved", incident, resolved,
                "resolved", null, "resolved"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents.json").then()
                .body("incidents.find { it.id == '%s' }.status".formatted(incident), is("resolved")));
        TestKafka.publishStructured(2, incident, incidentEvent(incident + "-3", "incident.updated", incident, monitoring,
                "monitoring", null, "monitoring"));
        TestKafka.publishStructured(1, incident, incidentEvent(incident + "-2", "incident.updated", incident, identified,
                "identified", null, "identified"));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents.json").then()
                .body("incidents.find { it.id == '%s' }.incident_updates.body".formatted(incident),
                        contains("resolved", "monitoring", "identified", "opened"))
                .body("incidents.find { it.id == '%s' }.incident_updates.status".formatted(incident),
                        contains("resolved", "monitoring", "identified", "investigating")));
        Map<String, Object> shown = given().get("/api/v2/incidents.json").then().extract().jsonPath()
                .getMap("incidents.find { it.id == '%s' }".formatted(incident));
        assertThat(shown.get("status")).isEqualTo("resolved");
        assertThat(time(shown, "updated_at")).isAtSameInstantAs(resolved);
        assertThat(time(shown, "resolved_at")).isAtSameInstantAs(resolved);
        assertThat(time(shown, "created_at")).isAtSameInstantAs(opened);
        // A late update still says when monitoring began.
        assertThat(time(shown, "monitoring_at")).isAtSameInstantAs(monitoring);
        // Readers are not told an older update after a newer one.
        assertThat(notifications(incident + "-1")).isEqualTo(1);
        assertThat(notifications(incident + "-4")).isEqualTo(1);
        assertThat(notifications(incident + "-2")).isZero();
        assertThat(notifications(incident + "-3")).isZero();
    }

    /** The component as {@code /api/v2/components.json} shows it. */
    private static Map<String, Object> component(String id) {
        Map<String, Object> component = given().get("/api/v2/components.json").then().statusCode(200).extract().jsonPath()
                .getMap("components.find { it.id == '%s' }".formatted(id));
        assertThat(component).as("component %s", id).isNotNull();
        return component;
    }

    private static OffsetDateTime time(Map<String, Object> json, String field) {
        return OffsetDateTime.parse((String) json.get(field));
    }

    private List<HistoryEntry> history(String component) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select changed_at, status, event_id from component_status_change where component_id = ?
                order by changed_at, id""")) {
            ps.setString(1, component);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return entries;
    }

    private long notifications(String eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from notification where event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String incidentEvent(String id, String type, String incident, OffsetDateTime time, String status,
            String components, String body) {
        String title = type.equals("incident.opened") ? ", \"title\": \"Out of order\", \"impact\": \"major\"" : "";
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "%s", "subject": "%s", "time": "%s",
                 "data": {"incident": {"id": "%s", "status": "%s"%s%s}, "update": {"body": "%s"}, "notify": ["webhook"]}}"""
                .formatted(id, type, incident, time, incident, status, title, components == null ? "" : ", " + components,
                        body);
    }

    private static String componentEvent(String id, String component, OffsetDateTime time, String status, String name) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "component.status_changed", "subject": "%s",
                 "time": "%s", "data": {"component": {"id": "%s", "status": "%s"%s}, "notify": []}}"""
                .formatted(id, component, time, component, status, name == null ? "" : ", \"name\": \"" + name + "\"");
    }
}
