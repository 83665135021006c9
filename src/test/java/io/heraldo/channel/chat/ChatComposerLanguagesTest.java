package io.heraldo.channel.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.platform.LocalizedText;
import io.quarkus.test.junit.QuarkusTest;

/** A chat destination reads an update written in several languages in its own {@code lang}, words and text. */
@QuarkusTest
class ChatComposerLanguagesTest {

    @Inject
    ChatComposer composer;

    static LocalizedText texts(String... langAndText) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < langAndText.length; i += 2) {
            given.put(langAndText[i], langAndText[i + 1]);
        }
        return LocalizedText.of(given, "es");
    }

    static Notification incident() {
        LocalizedText titles = texts("es", "Caída del LDAP", "en", "LDAP outage");
        LocalizedText bodies = texts("en", "Logins fail.", "es", "Fallan los inicios de sesión.");
        return new Notification("chat-1", "chat-1", NotificationKind.INCIDENT_OPENED, "inc-chat", titles.first(),
                "investigating", null, "major", bodies.first(), bodies.firstLanguage(), null, List.of(),
                OffsetDateTime.parse("2026-11-30T10:00:00Z"), null, null, null, 0, "chat-1", null, titles, bodies);
    }

    @Test
    void eachDestinationItsLanguageElseTheDefaultLocales() {
        ChatMessage english = composer.compose(incident(), "en");
        assertThat(english.headline()).isEqualTo("Investigating: LDAP outage");
        assertThat(english.update()).isEqualTo("Logins fail.");

        ChatMessage spanish = composer.compose(incident(), "es");
        assertThat(spanish.headline()).isEqualTo("Investigando: Caída del LDAP");
        assertThat(spanish.update()).isEqualTo("Fallan los inicios de sesión.");

        ChatMessage portuguese = composer.compose(incident(), "pt");
        assertThat(portuguese.headline()).isEqualTo("Investigando: Caída del LDAP");
        assertThat(portuguese.update()).isEqualTo("Fallan los inicios de sesión.");
        assertThat(portuguese.linkLabel()).isEqualTo("Ver o incidente");
    }
}
