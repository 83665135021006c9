package io.heraldo.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.event.ComponentStatus;
import io.heraldo.event.EventType;
import io.heraldo.event.Impact;
import io.heraldo.event.IncidentStatus;
import io.heraldo.event.StatusEvent.IncidentEvent;
import io.heraldo.event.StatusEvent.Update;
import io.heraldo.platform.LocalizedText;
import io.heraldo.status.StatusChange;

/** A notification carries every language of its texts; each channel renders the one its reader reads. */
class NotificationTextsTest {

    static LocalizedText texts(String... langAndText) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < langAndText.length; i += 2) {
            given.put(langAndText[i], langAndText[i + 1]);
        }
        return LocalizedText.of(given, "es");
    }

    static Notification notification(LocalizedText title, LocalizedText body) {
        IncidentEvent event = new IncidentEvent("e-1", EventType.INCIDENT_OPENED, NotificationRulesTest.T, "inc", title,
                IncidentStatus.INVESTIGATING, Impact.MAJOR, Map.of("ldap", ComponentStatus.MAJOR_OUTAGE),
                new Update(body, null), null);
        StatusChange change = new StatusChange(event, title.first(), "investigating", null, "major", List.of(), null,
                null, null, 0, true, false, title);
        return NotificationLog.build(change, NotificationKind.INCIDENT_OPENED, "e-1", "e-1");
    }

    @Test
    void eachReaderGetsTheirLanguageElseTheDefaultLocalesElseTheFirstGiven() {
        Notification n = notification(texts("en", "LDAP outage", "es", "Caída del LDAP"),
                texts("en", "Logins fail.", "pt", "Falham os logins."));

        assertThat(n.title()).as("no language in particular: the default locale's").isEqualTo("Caída del LDAP");
        assertThat(n.body()).as("no default locale's text: the first given").isEqualTo("Logins fail.");
        Notification english = n.in("en");
        assertThat(english.title()).isEqualTo("LDAP outage");
        assertThat(english.body()).isEqualTo("Logins fail.");
        assertThat(english.lang()).isEqualTo("en");
        Notification portuguese = n.in("pt");
        assertThat(portuguese.title()).isEqualTo("Caída del LDAP");
        assertThat(portuguese.body()).isEqualTo("Falham os logins.");
        assertThat(portuguese.lang()).isEqualTo("pt");
        Notification spanish = n.in("es");
        assertThat(spanish.body()).isEqualTo("Logins fail.");
        assertThat(spanish.lang()).isEqualTo("en");
    }

    @Test
    void aTextInOneLanguageTravelsAsBefore() {
        Notification n = notification(LocalizedText.of("en", "LDAP outage"), LocalizedText.of("en", "Logins fail."));
        assertThat(n.titles()).isNull();
        assertThat(n.bodies()).isNull();
        assertThat(n.in("es")).isSameAs(n);
        assertThat(n.lang()).isEqualTo("en");
    }

    @Test
    void thePayloadKeepsEveryLanguageAndOldPayloadsStillRead() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        Notification n = notification(texts("es", "Caída", "en", "Outage"), texts("es", "Falla", "en", "Fails"));
        Notification read = json.readValue(json.writeValueAsString(n), Notification.class);
        assertThat(read.titles()).isEqualTo(n.titles());
        assertThat(read.bodies()).isEqualTo(n.bodies());
        assertThat(read.titles().firstLanguage()).isEqualTo("es");
        assertThat(read.in("en").title()).isEqualTo("Outage");

        String old = json.writeValueAsString(n).replaceAll(",\"titles\":\\{[^}]*\\},\"bodies\":\\{[^}]*\\}", "");
        assertThat(old).doesNotContain("titles");
        Notification before = json.readValue(old, Notification.class);
        assertThat(before.titles()).isNull();
        assertThat(before.in("en").title()).isEqualTo("Caída");
    }
}
