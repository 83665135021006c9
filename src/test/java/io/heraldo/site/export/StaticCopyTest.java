package io.heraldo.site.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import io.heraldo.HeraldoServers;
import io.heraldo.StatusTables;
import io.heraldo.StoryEvents;
import io.heraldo.TestKafka;
import io.heraldo.site.PageSnapshots;
import io.heraldo.site.SitePart;
import io.heraldo.site.StatuspageDocuments;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * The example outage replayed event by event: after each one the static copy in {@code heraldo.site.export-dir}
 * (set by {@link HeraldoServers}) holds every file of every part, the same API documents as the live API, feeds that
 * parse and show the new update, and a calendar that parses.
 */
@QuarkusTest
@QuarkusTestResource(HeraldoServers.class)
class StaticCopyTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENTRY = "urn:heraldo:heraldo:";

    @Inject
    DataSource dataSource;

    @Inject
    SiteExporter exporter;

    @Inject
    PageSnapshots snapshots;

    @Inject
    @Any
    Instance<SitePart> parts;

    @BeforeEach
    void emptyPage() {
        StatusTables.reset(dataSource);
    }

    @Test
    void afterEveryEventOfTheStoryTheCopyIsCompleteAndTheSameAsTheLiveSite() throws Exception {
        SiteExport export = exporter.export();
        assertThat(export).as("heraldo.site.export-dir is set by HeraldoServers").isNotNull();
        Path dir = export.directory();

        for (String name : StoryEvents.ALL) {
            JsonNode event = JSON.readTree(StoryEvents.bytes(name));
            String eventId = event.get("id").asText();
            StoryEvents.publish(List.of(name));
            await().atMost(WAIT).until(() -> applied(eventId));

            await().atMost(WAIT).untilAsserted(() -> {
                for (String path : everyPartsFiles()) {
                    assertThat(dir.resolve(path)).as(name + ": " + path).isRegularFile();
                }
                for (String document : StatuspageDocuments.BY_PATH.keySet()) {
                    String live = given().get("/api/v2/" + document).then().statusCode(200).extract().asString();
                    assertThat(Files.readString(dir.resolve("api/v2/" + document))).as(name + ": " + document)
                            .isEqualTo(live);
                }
                SyndFeed atom = feed(dir.resolve("history.atom"));
                SyndFeed rss = feed(dir.resolve("history.rss"));
                assertThat(atom.getFeedType()).isEqualTo("atom_1.0");
                assertThat(rss.getFeedType()).isEqualTo("rss_2.0");
                assertThat(atom.getTitle()).isEqualTo(HeraldoServers.PAGE_NAME);
                String entry = entryId(event);
                if (entry != null) {
                    assertThat(atom.getEntries()).extracting(SyndEntry::getUri).as(name).contains(entry);
                    assertThat(rss.getEntries()).extracting(SyndEntry::getUri).as(name).contains(entry);
                }
                Calendar calendar = new CalendarBuilder()
                        .build(new StringReader(Files.readString(dir.resolve("maintenance.ics"))));
                if (event.get("type").asText().startsWith("maintenance.")) {
                    String subject = event.get("subject").asText();
                    List<VEvent> events = calendar.getComponents("VEVENT");
                    assertThat(events).extracting(e -> e.getProperty(Property.UID).orElseThrow().getValue())
                            .as(name).contains(subject + "@zboxapp.test");
                    VEvent maintenance = events.stream().filter(e -> e.getProperty(Property.UID).orElseThrow()
                            .getValue().equals(subject + "@zboxapp.test")).findFirst().orElseThrow();
                    assertThat(maintenance.getProperty(Property.SEQUENCE).orElseThrow().getValue())
                            .isEqualTo(Integer.toString(maintenanceRevision(subject)));
                }
            });
        }

        // the copy ends at the page's last revision: the last change is always written
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                SiteExport.CopyMark.read(dir.resolve(SiteExport.REVISION_FILE)).revision()).isEqualTo(pageRevision()));
        assertThat(Files.readString(dir.resolve("history.atom"))).contains("Nueva dirección de soporte");
        try (var files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(file -> file.startsWith(ExportDirectory.TEMPORARY_PREFIX));
        }
    }

    @Test
    void anIncidentIdTheCopyCannotUseIsLeftOutAndLaterChangesAreStillWritten() throws Exception {
        SiteExport export = exporter.export();
        Path dir = export.directory();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String later = "inc-later-" + suffix;

        // ".tmp-x" is a valid id ([A-Za-z0-9._:-]) that would be a hidden file of the copy
        TestKafka.publishStructured(".tmp-x", incidentOpened("evt-tmp-" + suffix, ".tmp-x", "Punto " + suffix));
        await().atMost(WAIT).until(() -> applied("evt-tmp-" + suffix));
        TestKafka.publishStructured(later, incidentOpened("evt-later-" + suffix, later, "Después " + suffix));
        await().atMost(WAIT).until(() -> applied("evt-later-" + suffix));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(export.revisionWritten()).isEqualTo(pageRevision());
            for (String page : List.of("incidents/" + later, "en/incidents/" + later, "es/incidents/" + later)) {
                assertThat(dir.resolve(page + "/index.html")).as(page).isRegularFile();
            }
            assertThat(Files.readString(dir.resolve("en/index.html"))).contains("Después " + suffix);
            assertThat(Files.readString(dir.resolve("es/history/index.html"))).contains("Después " + suffix);
        });
        assertThat(export.skipped()).contains("incidents/.tmp-x/index.html", "en/incidents/.tmp-x/index.html");
        assertThat(dir.resolve("incidents/.tmp-x")).doesNotExist();

        // and the next change too
        TestKafka.publishStructured(later, """
                {"specversion": "1.0", "id": "evt-resolved-%1$s", "source": "/test", "type": "incident.resolved",
                 "data": {"incident": {"id": "%2$s", "title": "Después %1$s", "status": "resolved"},
                          "update": {"body": "Resuelto %1$s."}}}""".formatted(suffix, later));
        await().atMost(WAIT).until(() -> applied("evt-resolved-" + suffix));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(export.revisionWritten()).isEqualTo(pageRevision());
            assertThat(Files.readString(dir.resolve("en/incidents/" + later + "/index.html"))).contains("Resuelto " + suffix);
        });
    }

    private static String incidentOpened(String eventId, String incident, String title) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/test", "type": "incident.opened",
                 "data": {"incident": {"id": "%s", "title": "%s", "status": "investigating", "impact": "major"},
                          "update": {"body": "Investigando."}}}""".formatted(eventId, incident, title);
    }

    /** The paths every part bean writes at the current snapshot: the pages' part joins this check by itself. */
    private List<String> everyPartsFiles() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        for (SitePart part : parts) {
            part.write(snapshots.current(), files::put);
        }
        assertThat(files).containsKeys("api/v2/summary.json", "history.atom", "history.rss", "maintenance.ics");
        return List.copyOf(files.keySet());
    }

    private static String entryId(JsonNode event) {
        String type = event.get("type").asText();
        if (type.startsWith("incident.")) {
            return ENTRY + "incident-update:" + event.get("id").asText();
        }
        if (type.startsWith("maintenance.")) {
            return ENTRY + "maintenance-update:" + event.get("id").asText();
        }
        if (type.equals("notice.published")) {
            return ENTRY + "notice:" + event.get("data").get("notice").get("id").asText();
        }
        return null; // component and metric events are not in the feeds
    }

    private static SyndFeed feed(Path file) throws Exception {
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(Files.readAllBytes(file))));
    }

    private boolean applied(String eventId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from applied_event where event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private int maintenanceRevision(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select revision from maintenance where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private long pageRevision() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select revision from page_state where id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
