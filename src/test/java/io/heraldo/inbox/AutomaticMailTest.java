package io.heraldo.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutomaticMailTest {

    private static final Set<String> OWN = Set.of("ayuda@zboxapp.test");

    private static Optional<String> reason(String sender, String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i].toLowerCase(), headers[i + 1]);
        }
        return AutomaticMail.reason(name -> map.get(name.toLowerCase()), sender, OWN);
    }

    @Test
    void aPersonsMailIsNotAutomatic() {
        assertThat(reason("ana@example.test")).isEmpty();
        assertThat(reason("ana@example.test", "Auto-Submitted", "no")).isEmpty();
        assertThat(reason("ana@example.test", "Auto-Submitted", "No (written by hand)")).isEmpty();
        assertThat(reason("ana@example.test", "Precedence", "first-class")).isEmpty();
        assertThat(reason("ana@example.test", "Return-Path", "<ana@example.test>")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Auto-Submitted | auto-replied",
            "Auto-Submitted | auto-generated",
            "Auto-Submitted | Auto-Notified; owner-email=x@y.test",
            "Precedence | bulk",
            "Precedence | LIST",
            "Precedence | junk",
            "List-Id | Ops <ops.lists.example.test>",
            "X-Auto-Response-Suppress | All",
            "Return-Path | <>",
            "Return-Path | <MAILER-DAEMON@mx.example.test>",
    })
    void automaticMailGetsNoReply(String header, String value) {
        assertThat(reason("ana@example.test", header, value)).isPresent();
    }

    @Test
    void daemonsNobodyAndHeraldoItselfGetNoReply() {
        assertThat(reason("MAILER-DAEMON@mx.example.test")).isPresent();
        assertThat(reason(null)).isPresent();
        assertThat(reason(" ")).isPresent();
        assertThat(reason("Ayuda@ZBoxApp.test")).contains("sent by Heraldo itself");
    }
}
