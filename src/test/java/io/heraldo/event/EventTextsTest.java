package io.heraldo.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.event.StatusEvent.MaintenanceEvent;
import io.heraldo.event.StatusEvent.NoticeEvent;

/** Titles and bodies in several languages (CONTRACT §1): what is read, and each refusal naming field and language. */
class EventTextsTest {

    final ObjectMapper json = new ObjectMapper();
    final EventParser parser = new EventParser(json, List.of("es", "en", "pt"), "es",
            Clock.fixed(EventParserTest.NOW, ZoneOffset.UTC));

    ObjectNode example(String name) {
        try {
            return (ObjectNode) json.readTree(EventParserTest.bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StatusEvent parse(ObjectNode event) {
        try {
            return parser.fromStructured(json.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void assertRejected(ObjectNode event, String reason) {
        assertThatThrownBy(() -> parse(event)).isInstanceOf(InvalidEventException.class).hasMessage(reason);
    }

    @Test
    void readsEveryLanguageTheDefaultLocaleFirst() {
        ObjectNode event = example(EventParserTest.INCIDENT_OPENED);
        EventParserTest.at(event, "/data/incident").putObject("title").put("en", "Login trouble").put("es", "Problemas de acceso");
        EventParserTest.at(event, "/data/update").putObject("body").put("pt", "Investigando").put("en", "Investigating");

        IncidentEvent incident = (IncidentEvent) parse(event);

        assertThat(incident.title().all()).containsExactly(Map.entry("es", "Problemas de acceso"),
                Map.entry("en", "Login trouble"));
        assertThat(incident.title().in("en")).isEqualTo("Login trouble");
        assertThat(incident.title().in("pt")).as("missing: the default locale's").isEqualTo("Problemas de acceso");
        assertThat(incident.update().body().in("es")).as("no default locale: the first given").isEqualTo("Investigando");
        assertThat(incident.update().body().in("en")).isEqualTo("Investigating");
        assertThat(incident.update().lang()).isEqualTo("pt");
    }

    @Test
    void aStringIsTheTextOfLang() {
        ObjectNode event = example(EventParserTest.INCIDENT_OPENED);
        EventParserTest.at(event, "/data/update").put("lang", "en");
        EventParserTest.at(event, "/data/incident").put("title", "Login trouble");

        IncidentEvent incident = (IncidentEvent) parse(event);

        assertThat(incident.title().all()).containsOnlyKeys("en");
        assertThat(incident.update().body().all()).containsOnlyKeys("en");
        assertThat(incident.update().lang()).isEqualTo("en");
    }

    @Test
    void noticesAndMaintenanceTakeBothForms() {
        ObjectNode notice = example(EventParserTest.NOTICE);
        EventParserTest.at(notice, "/data/notice").putObject("body").put("es", "Escríbannos").put("en", "Write to us");
        NoticeEvent read = (NoticeEvent) parse(notice);
        assertThat(read.title().all()).containsOnlyKeys("es");
        assertThat(read.body().in("en")).isEqualTo("Write to us");

        ObjectNode maintenance = example(EventParserTest.MAINTENANCE_SCHEDULED);
        EventParserTest.at(maintenance, "/data/maintenance").putObject("title").put("en", "LDAP upgrade");
        MaintenanceEvent scheduled = (MaintenanceEvent) parse(maintenance);
        assertThat(scheduled.title().in("es")).isEqualTo("LDAP upgrade");
    }

    @Test
    void rejectsAnUnknownLanguageNamingFieldAndLanguage() {
        ObjectNode event = example(EventParserTest.INCIDENT_OPENED);
        EventParserTest.at(event, "/data/incident").putObject("title").put("es", "Caída").put("fr", "Panne");
        assertRejected(event, "data.incident.title.fr: 'fr' is not one of the languages (es, en, pt)");
    }

    @Test
    void rejectsAnEmptyObject() {
        ObjectNode event = example(EventParserTest.INCIDENT_OPENED);
        EventParserTest.at(event, "/data/update").putObject("body");
        assertRejected(event,
                "data.update.body: is an empty object; give the text in at least one language (es, en, pt)");
    }

    @Test
    void rejectsATitleOverItsLimitInOneLanguage() {
        ObjectNode event = example(EventParserTest.MAINTENANCE_SCHEDULED);
        EventParserTest.at(event, "/data/maintenance").putObject("title").put("es", "Mantención")
                .put("en", "t".repeat(EventDataReader.MAX_TITLE + 1));
        assertRejected(event, "data.maintenance.title.en: is 201 characters, at most 200 allowed");
    }

    @Test
    void rejectsABodyOverItsLimitInOneLanguage() {
        ObjectNode event = example(EventParserTest.NOTICE);
        EventParserTest.at(event, "/data/notice").putObject("body").put("pt", "b".repeat(EventDataReader.MAX_BODY + 1));
        assertRejected(event, "data.notice.body.pt: is 5001 characters, at most 5000 allowed");
    }

    @Test
    void rejectsABlankOrNonStringText() {
        ObjectNode blank = example(EventParserTest.INCIDENT_OPENED);
        EventParserTest.at(blank, "/data/update").putObject("body").put("es", "ok").put("en", "  ");
        assertRejected(blank, "data.update.body.en: must not be blank");

        ObjectNode number = example(EventParserTest.NOTICE);
        EventParserTest.at(number, "/data/notice").putObject("title").put("es", 7);
        assertRejected(number, "data.notice.title.es: must be a string");

        ObjectNode array = example(EventParserTest.NOTICE);
        EventParserTest.at(array, "/data/notice").putArray("title").add("x");
        assertRejected(array, "data.notice.title: must be a string or an object of language to text (es, en, pt)");
    }

    @Test
    void aLanguageOutsideTheConfiguredOnesIsRefused() {
        EventParser bilingual = new EventParser(json, "es", Clock.fixed(EventParserTest.NOW, ZoneOffset.UTC));
        ObjectNode event = example(EventParserTest.INCIDENT_OPENED);
        EventParserTest.at(event, "/data/update").putObject("body").put("pt", "Investigando");
        assertThatThrownBy(() -> bilingual.fromStructured(json.writeValueAsBytes(event)))
                .hasMessage("data.update.body.pt: 'pt' is not one of the languages (es, en)");
    }
}
