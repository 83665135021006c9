package io.heraldo.site.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import io.heraldo.HeraldoServers;
import io.heraldo.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** The live feeds and calendar, fed through Kafka like any producer would. */
@QuarkusTest
@QuarkusTestResource(HeraldoServers.class)
class FeedsResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "<script>alert('feed')</script> ]]> & \u0007\u001b fin";
    private static final String HOSTILE_TEXT = "<script>alert('feed')</script> ]]> &  fin";

    @Test
    void anIncidentWithHostileTextIsTextInBothFeeds() throws Exception {
        String incident = "inc-feed-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = "evt-" + incident;
        publish(eventId, "incident.opened", incident, "2026-01-05T10:00:00Z", """
                {"incident": {"id": "%s", "title": %s, "status": "investigating", "impact": "minor",
                 "components": {}}, "update": {"body": %s}, "notify": []}"""
                .formatted(incident, JSON.writeValueAsString(HOSTILE), JSON.writeValueAsString(HOSTILE + "\nmás")));
        String entryId = "urn:heraldo:heraldo:incident-update:" + eventId;

        SyndEntry atomEntry = await().atMost(WAIT).until(() -> entry(get("/history.atom", "application/atom+xml"),
                entryId), e -> e != null);
        assertThat(atomEntry.getTitle()).isEqualTo(HOSTILE_TEXT + " — Investigando");
        assertThat(atomEntry.getLink()).isEqualTo("http://localhost:8080/incidents/" + incident);
        assertThat(atomEntry.getContents().get(0).getValue()).isEqualTo(HOSTILE_TEXT + "\nmás");

        byte[] rss = get("/history.rss", "application/rss+xml");
        SyndEntry rssEntry = entry(rss, entryId);
        assertThat(rssEntry).isNotNull();
        assertThat(rssEntry.getTitle()).isEqualTo(HOSTILE_TEXT + " — Investigando");
        assertThat(rssEntry.getDescription().getValue()).startsWith("&lt;script&gt;alert(&#39;feed&#39;)");
        assertThat(new String(rss, StandardCharsets.UTF_8)).doesNotContain("<script>").doesNotContain("]]>");
        assertThat(new String(get("/history.atom", "application/atom+xml"), StandardCharsets.UTF_8))
                .doesNotContain("<script>").doesNotContain("]]>");

        // leave no open incident behind for the tests that read the overall status
        publish("evt-resolved-" + incident, "incident.resolved", incident, "2026-01-05T11:00:00Z", """
                {"incident": {"id": "%s", "status": "resolved"}, "update": {"body": "Listo."}, "notify": []}"""
                .formatted(incident));
        await().atMost(WAIT).until(() -> entry(get("/history.atom", "application/atom+xml"),
                "urn:heraldo:heraldo:incident-update:evt-resolved-" + incident), e -> e != null);
    }

    @Test
    void aMaintenanceKeepsItsUidWhileItsSequenceRisesUntilItIsCancelled() throws Exception {
        String maintenance = "mnt-feed-" + UUID.randomUUID().toString().substring(0, 8);
        String window = """
                "scheduledFor": "2031-03-01T02:00:00-03:00", "scheduledUntil": "2031-03-01T04:00:00-03:00\"""";
        publish("evt-1-" + maintenance, "maintenance.scheduled", maintenance, "2026-01-05T10:00:00Z", """
                {"maintenance": {"id": "%s", "title": "Cambio de discos, fase 1; réplica", "status": "scheduled", %s,
                 "components": []}, "update": {"body": "Sin cortes."}, "notify": []}""".formatted(maintenance, window));
        VEvent scheduled = await().atMost(WAIT).until(() -> event(maintenance), e -> e != null);
        assertThat(value(scheduled, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(scheduled, Property.DTSTART)).isEqualTo("20310301T050000Z");
        assertThat(value(scheduled, Property.DTEND)).isEqualTo("20310301T070000Z");
        assertThat(value(scheduled, Property.SUMMARY)).isEqualTo("Cambio de discos, fase 1; réplica");
        assertThat(value(scheduled, Property.DESCRIPTION)).isEqualTo("Sin cortes.");
        int first = Integer.parseInt(value(scheduled, Property.SEQUENCE));

        publish("evt-2-" + maintenance, "maintenance.cancelled", maintenance, "2026-01-06T10:00:00Z", """
                {"maintenance": {"id": "%s", "status": "cancelled"}, "update": {"body": "Se posterga."},
                 "notify": []}""".formatted(maintenance));
        VEvent cancelled = await().atMost(WAIT).until(() -> event(maintenance),
                e -> e != null && "CANCELLED".equals(value(e, Property.STATUS)));

        assertThat(value(cancelled, Property.UID)).isEqualTo(value(scheduled, Property.UID))
                .isEqualTo(maintenance + "@zboxapp.test");
        assertThat(Integer.parseInt(value(cancelled, Property.SEQUENCE))).isGreaterThan(first);
        assertThat(value(cancelled, Property.DESCRIPTION)).isEqualTo("Se posterga.");
    }

    private static void publish(String id, String type, String subject, String time, String data) throws Exception {
        ObjectNode envelope = JSON.createObjectNode().put("specversion", "1.0").put("id", id).put("source", "/test/feeds")
                .put("type", type).put("subject", subject).put("time", time).put("datacontenttype", "application/json");
        envelope.set("data", JSON.readTree(data));
        TestKafka.publishStructured(subject, JSON.writeValueAsBytes(envelope));
    }

    private static byte[] get(String path, String type) {
        return given().get(path).then().statusCode(200).contentType(startsWith(type)).extract().asByteArray();
    }

    private static SyndEntry entry(byte[] feed, String id) throws Exception {
        SyndFeed parsed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(feed)));
        return parsed.getEntries().stream().filter(e -> id.equals(e.getUri())).findFirst().orElse(null);
    }

    private static VEvent event(String maintenance) throws Exception {
        String ics = new String(get("/maintenance.ics", "text/calendar"), StandardCharsets.UTF_8);
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        List<VEvent> events = calendar.getComponents("VEVENT");
        return events.stream().filter(e -> value(e, Property.UID).equals(maintenance + "@zboxapp.test")).findFirst()
                .orElse(null);
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElseThrow(() -> new AssertionError("no " + property));
    }
}
