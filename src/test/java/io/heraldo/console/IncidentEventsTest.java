package io.heraldo.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.core.MultivaluedHashMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The form as the CloudEvent a producer would write, and what the form refuses. Plain functions. */
class IncidentEventsTest {

    private final IncidentEvents events = new IncidentEvents(new ObjectMapper(), null);
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-30T12:00:00Z");

    private static IncidentForm form(String titleEs, String titleEn, String bodyEs, String bodyEn, String status,
            Set<String> notify) {
        return new IncidentForm("inc-1", "console-e1", titleEs, titleEn, bodyEs, bodyEn, status, "major",
                Map.of("ldap", "major_outage"), notify);
    }

    @Test
    void oneLanguageIsAPlainStringWithItsLanguage() {
        ObjectNode event = events.event(form("Caída de LDAP", "", "Revisando.", "", "investigating",
                new LinkedHashSet<>(IncidentForm.CHANNELS)), true, "token-ab12cd34", NOW);
        assertThat(event.path("type").asText()).isEqualTo("incident.opened");
        assertThat(event.path("source").asText()).isEqualTo("/console/token-ab12cd34");
        assertThat(event.path("id").asText()).isEqualTo("console-e1");
        assertThat(event.path("subject").asText()).isEqualTo("inc-1");
        assertThat(event.path("time").asText()).isEqualTo("2026-11-30T12:00Z");
        assertThat(event.at("/data/incident/title").asText()).isEqualTo("Caída de LDAP");
        assertThat(event.at("/data/incident/components/ldap").asText()).isEqualTo("major_outage");
        assertThat(event.at("/data/update/body").asText()).isEqualTo("Revisando.");
        assertThat(event.at("/data/update/lang").asText()).isEqualTo("es");
        assertThat(event.path("data").has("notify")).as("every channel: notify absent").isFalse();

        ObjectNode english = events.event(form("", "LDAP down", "", "Looking.", "identified", Set.of("webhook")),
                false, "ops", NOW);
        assertThat(english.path("type").asText()).isEqualTo("incident.updated");
        assertThat(english.at("/data/update/lang").asText()).isEqualTo("en");
        assertThat(english.at("/data/notify").toString()).isEqualTo("[\"webhook\"]");
    }

    @Test
    void bothLanguagesAreOneTextObject() {
        ObjectNode event = events.event(form("Caída", "Outage", "Revisando.", "Looking.", "resolved", Set.of()), false,
                "ops", NOW);
        assertThat(event.path("type").asText()).isEqualTo("incident.resolved");
        assertThat(event.at("/data/incident/title").toString()).isEqualTo("{\"es\":\"Caída\",\"en\":\"Outage\"}");
        assertThat(event.at("/data/update/body").toString()).isEqualTo("{\"es\":\"Revisando.\",\"en\":\"Looking.\"}");
        assertThat(event.at("/data/update").has("lang")).isFalse();
        assertThat(event.at("/data/notify").toString()).as("nothing checked: a silent update").isEqualTo("[]");
    }

    @Test
    void aNoticeIsANoticePublishedEvent() {
        ObjectNode event = events.notice(form("Nueva dirección", "", "Escríbenos.", "", "", Set.of()), "ops", NOW);
        assertThat(event.path("type").asText()).isEqualTo("notice.published");
        assertThat(event.at("/data/notice/id").asText()).isEqualTo("inc-1");
        assertThat(event.at("/data/notice/title").asText()).isEqualTo("Nueva dirección");
        assertThat(event.at("/data/notice/body").asText()).isEqualTo("Escríbenos.");
        assertThat(event.at("/data/notice/lang").asText()).isEqualTo("es");
        assertThat(event.at("/data/notify").toString()).isEqualTo("[]");
    }

    @Test
    void theFormNamesWhatIsMissingOrWrong() {
        MultivaluedHashMap<String, String> submitted = new MultivaluedHashMap<>();
        submitted.putSingle("id", "inc-2");
        submitted.putSingle("status", "sleeping");
        submitted.putSingle("impact", "minor");
        submitted.putSingle("component.ldap", "on_fire");
        submitted.put("notify", List.of("email", "carrier-pigeon"));
        IncidentForm form = IncidentForm.read(submitted);
        assertThat(form.notified()).containsExactly("email");
        assertThat(form.eventId()).startsWith("console-");
        assertThat(form.problems(true)).extracting(IncidentForm.Problem::field)
                .containsExactly("title", "body", "status", "component.ldap");
        assertThat(form.problems(false)).extracting(IncidentForm.Problem::field)
                .containsExactly("body", "status", "component.ldap");
    }

    @Test
    void aReaderGetsTheirLanguageElseTheOther() {
        IncidentForm form = form("Caída", "", "Revisando.", "", "investigating", Set.of());
        assertThat(form.title("en")).isEqualTo("Caída");
        assertThat(form.bodyLang("en")).isEqualTo("es");
        assertThat(form.bodyLang("es")).isEqualTo("es");
    }
}
