package io.heraldo.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.event.ComponentStatus;
import io.heraldo.event.EventParser;
import io.heraldo.event.StatusEvent;
import io.heraldo.integrations.AlertRules.Report;
import io.heraldo.integrations.AlertRules.Translation;
import io.heraldo.integrations.AlertmanagerPayload.Alert;

class AlertRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2024-05-01T12:00:00Z");
    private static final AlertRules RULES = new AlertRules("heraldo_component", "severity",
            SeverityMap.parse(SeverityMap.DEFAULT));

    @Test
    void aFiringCriticalAlertIsAMajorOutageFromItsStart() {
        Report report = only(RULES.translate(payload(firing(0, "ldap", "critical", "10:00", "LDAP does not answer")),
                NOW));
        assertThat(report.componentId()).isEqualTo("ldap");
        assertThat(report.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(report.time()).isEqualTo(at("10:00"));
        assertThat(report.reason()).isEqualTo("LDAP does not answer");
        assertThat(report.eventId()).matches("alertmanager-[0-9a-f]{32}");
        assertThat(only(RULES.translate(payload(firing(0, "ldap", "warning", "10:00", "slow")), NOW)).status())
                .isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
    }

    @Test
    void aResolvedAlertIsOperationalFromItsEnd() {
        Report report = only(RULES.translate(payload(resolved(0, "ldap", "critical", "10:00", "10:40", "LDAP down")),
                NOW));
        assertThat(report.status()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(report.time()).isEqualTo(at("10:40"));
        assertThat(report.reason()).isEqualTo("[RESOLVED] LDAP down");
        // no end, or an end before the start: resolved as of now
        assertThat(only(RULES.translate(payload(resolved(0, "ldap", "critical", "10:00", null, "x")), NOW)).time())
                .isEqualTo(NOW);
        assertThat(only(RULES.translate(payload(resolved(0, "ldap", "critical", "10:00", "09:00", "x")), NOW)).time())
                .isEqualTo(NOW);
    }

    @Test
    void theEventIdIsTheSameForTheSameAlertAndChangesWithItsStartOrStatus() {
        String first = only(RULES.translate(payload(firing(0, "ldap", "critical", "10:00", "a")), NOW)).eventId();
        // resent later, its text changed, at another place in the body: the same event
        assertThat(only(RULES.translate(payload(firing(3, "ldap", "critical", "10:00", "b")), NOW.plusHours(1)))
                .eventId()).isEqualTo(first);
        assertThat(only(RULES.translate(payload(firing(0, "ldap", "critical", "10:01", "a")), NOW)).eventId())
                .as("fired again later").isNotEqualTo(first);
        assertThat(only(RULES.translate(payload(resolved(0, "ldap", "critical", "10:00", "10:40", "a")), NOW))
                .eventId()).as("resolved").isNotEqualTo(first);
        assertThat(only(RULES.translate(payload(firing(0, "ldap", "warning", "10:00", "a")), NOW)).eventId())
                .as("another status").isNotEqualTo(first);
    }

    @Test
    void alertsThatNameNoComponentOrNoKnownSeverityAreIgnoredWithTheReason() {
        Alert noLabel = alert(0, true, Map.of("alertname", "Disk", "severity", "critical"), "10:00", null, "x");
        Alert badId = alert(1, true, Map.of("heraldo_component", "mail server", "severity", "critical"), "10:00", null,
                "x");
        Alert info = firing(2, "ldap", "info", "10:00", "x");
        Alert noSeverity = alert(3, true, Map.of("heraldo_component", "ldap"), "10:00", null, "x");
        Alert infoResolved = resolved(4, "ldap", "info", "10:00", "10:10", "x");
        Translation translation = RULES.translate(payload(noLabel, badId, info, noSeverity, infoResolved), NOW);
        assertThat(translation.reports()).isEmpty();
        assertThat(translation.ignored()).extracting(AlertRules.Ignored::alert).containsExactly(0, 1, 2, 3, 4);
        assertThat(translation.ignored()).extracting(AlertRules.Ignored::reason).containsExactly(
                "no heraldo_component label",
                "label heraldo_component: 'mail server' is not a component id (1 to 64 of A-Z a-z 0-9 . _ : -)",
                "severity 'info' is not in heraldo.integrations.severity-map (critical, warning)",
                "no severity label in heraldo.integrations.severity-map (critical, warning)",
                "severity 'info' is not in heraldo.integrations.severity-map (critical, warning)");
        assertThat(translation.ignored().get(0).fingerprint()).isEqualTo(noLabel.fingerprint());
    }

    @Test
    void aComponentShowsTheWorstOfItsAlertsFiringAtEachTime() {
        Alert critical = firing(0, "ldap", "critical", "10:00", "LDAP down");
        Alert warning = firing(1, "ldap", "warning", "10:05", "LDAP slow");
        Alert other = firing(2, "web", "warning", "10:02", "Web slow");
        Translation translation = RULES.translate(payload(warning, critical, other), NOW);
        // by time: the critical one at 10:00, the web one at 10:02, then the warning at 10:05, which does not lower
        // the component while the critical one still fires
        assertThat(translation.reports()).extracting(Report::alert).containsExactly(0, 2, 1);
        assertThat(translation.reports()).extracting(Report::status).containsExactly(ComponentStatus.MAJOR_OUTAGE,
                ComponentStatus.DEGRADED_PERFORMANCE, ComponentStatus.MAJOR_OUTAGE);
        assertThat(translation.reports().get(2).reason()).isEqualTo("LDAP down");

        // the other way round: the warning alone at first, the critical one from its own start
        Translation later = RULES.translate(payload(firing(0, "ldap", "warning", "10:00", "slow"),
                firing(1, "ldap", "critical", "10:05", "down")), NOW);
        assertThat(later.reports()).extracting(Report::status).containsExactly(ComponentStatus.DEGRADED_PERFORMANCE,
                ComponentStatus.MAJOR_OUTAGE);
    }

    @Test
    void oneAlertResolvingWhileAnotherFiresLeavesTheOtherStanding() {
        Translation translation = RULES.translate(payload(resolved(0, "ldap", "critical", "10:00", "10:30", "down"),
                firing(1, "ldap", "warning", "10:05", "slow"), firing(2, "ldap", "critical", "10:45", "down again")),
                NOW);
        Report resolution = translation.reports().stream().filter(r -> r.alert() == 0).findFirst().orElseThrow();
        assertThat(resolution.time()).isEqualTo(at("10:30"));
        assertThat(resolution.status()).as("the warning still fires; the second critical started later")
                .isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
        assertThat(resolution.reason()).isEqualTo("slow");
    }

    @Test
    void otherLabelsCanNameTheComponentAndTheSeverity() {
        AlertRules rules = new AlertRules("service", "priority", SeverityMap.parse("p1=major_outage,p2=partial_outage"));
        Report report = only(rules.translate(payload(alert(0, true, Map.of("service", "smtp", "priority", "P2"),
                "10:00", null, "queue")), NOW));
        assertThat(report.componentId()).isEqualTo("smtp");
        assertThat(report.status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    }

    @Test
    void theEnvelopeIsAComponentEventAnyProducerCouldHaveSent() throws Exception {
        Report report = only(RULES.translate(payload(firing(0, "ldap", "critical", "10:00",
                "<script>alert(1)</script> & \"quotes\"")), NOW));
        byte[] envelope = JSON.writeValueAsBytes(AlertRules.envelope(report, List.of("webhook"), JSON));
        StatusEvent.ComponentEvent event = (StatusEvent.ComponentEvent) new EventParser(JSON, "es", Clock.systemUTC())
                .fromStructured(envelope);
        assertThat(event.eventId()).isEqualTo(report.eventId());
        assertThat(event.subject()).isEqualTo("ldap");
        assertThat(event.status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(event.time()).isEqualTo(at("10:00"));
        assertThat(event.reason()).isEqualTo("<script>alert(1)</script> & \"quotes\"");
        assertThat(event.notifyChannels()).containsExactly("webhook");
        assertThat(event.name()).as("an alert never renames a component").isNull();
        assertThat(JSON.readTree(envelope).get("source").asText()).isEqualTo("/integrations/alertmanager");
        // on the hour, the time still carries its seconds (RFC 3339)
        assertThat(new String(envelope, StandardCharsets.UTF_8)).contains("\"time\":\"2024-05-01T10:00:00Z\"");
    }

    @Test
    void reasonsArePlainTextWithinTheBodyLimit() {
        assertThat(AlertRules.plain("a\u0000b\rc\nd\te")).isEqualTo("a b c\nd\te");
        assertThat(AlertRules.plain(" \u0007 ")).isNull();
        String longText = "x".repeat(EventParser.MAX_BODY + 10);
        assertThat(AlertRules.plain(longText)).hasSize(EventParser.MAX_BODY).endsWith("x…");
        Alert described = alert(0, true, Map.of("alertname", "Disk"), "10:00", null, null);
        assertThat(AlertRules.reasonOf(described)).as("no annotation: the alert's name").isEqualTo("Disk");
    }

    @Test
    void notifyNamesTheConfiguredChannelsThisBuildHas() {
        List<String> leftOut = new ArrayList<>();
        assertThat(AlertRules.notifyChannels(List.of("webhook", "chat"), Set.of("email", "twitter", "webhook"),
                leftOut::add)).containsExactly("webhook");
        assertThat(leftOut).containsExactly("chat");
        assertThat(AlertRules.notifyChannels(List.of("webhook", "chat", "webhook"),
                Set.of("email", "twitter", "webhook", "chat"), leftOut::add)).containsExactly("webhook", "chat");
        assertThat(AlertRules.notifyChannels(List.of("none"), Set.of("webhook"), leftOut::add)).isEmpty();
        assertThatThrownBy(() -> AlertRules.notifyChannels(List.of("webhook", "sms"), Set.of("webhook"), leftOut::add))
                .hasMessageStartingWith("heraldo.integrations.notify: 'sms' is not a channel");
        assertThatThrownBy(() -> AlertRules.notifyChannels(List.of("none", "webhook"), Set.of("webhook"), leftOut::add))
                .hasMessageStartingWith("heraldo.integrations.notify: 'none' is not a channel");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static Report only(Translation translation) {
        assertThat(translation.ignored()).isEmpty();
        assertThat(translation.reports()).hasSize(1);
        return translation.reports().get(0);
    }

    private static OffsetDateTime at(String time) {
        return OffsetDateTime.parse("2024-05-01T" + time + ":00Z");
    }

    static Alert firing(int index, String component, String severity, String startsAt, String summary) {
        return alert(index, true, Map.of("alertname", "A", "heraldo_component", component, "severity", severity),
                startsAt, null, summary);
    }

    static Alert resolved(int index, String component, String severity, String startsAt, String endsAt,
            String summary) {
        return alert(index, false, Map.of("alertname", "A", "heraldo_component", component, "severity", severity),
                startsAt, endsAt, summary);
    }

    static Alert alert(int index, boolean firing, Map<String, String> labels, String startsAt, String endsAt,
            String summary) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (summary != null) {
            annotations.put("summary", summary);
        }
        return new Alert(index, firing, labels, annotations, at(startsAt), endsAt == null ? null : at(endsAt),
                AlertmanagerPayload.fingerprintOf(labels));
    }

    private static AlertmanagerPayload payload(Alert... alerts) {
        return new AlertmanagerPayload("4", "heraldo", List.of(alerts));
    }
}
