package io.heraldo.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.integrations.AlertmanagerPayload.Alert;

class AlertmanagerPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Alertmanager's own example, trimmed: a firing alert and a resolved one. */
    static final String ALERTMANAGER = """
            {"version": "4", "groupKey": "{}:{heraldo_component=\\"ldap\\"}", "truncatedAlerts": 0,
             "status": "firing", "receiver": "heraldo",
             "groupLabels": {"heraldo_component": "ldap"}, "commonLabels": {}, "commonAnnotations": {},
             "externalURL": "http://alertmanager:9093",
             "alerts": [
              {"status": "firing", "labels": {"alertname": "LdapDown", "heraldo_component": "ldap", "severity": "critical"},
               "annotations": {"summary": "LDAP does not answer"},
               "startsAt": "2024-05-01T10:00:00.123456789-04:00", "endsAt": "0001-01-01T00:00:00Z",
               "generatorURL": "http://prometheus:9090/graph", "fingerprint": "c6eadffa33fcdf37"},
              {"status": "resolved", "labels": {"alertname": "LdapSlow", "heraldo_component": "ldap", "severity": "warning"},
               "annotations": {}, "startsAt": "2024-05-01T09:00:00Z", "endsAt": "2024-05-01T09:30:00Z",
               "generatorURL": "", "fingerprint": "bc97ff14869b13e3"}]}""";

    @Test
    void alertmanagersBodyIsRead() {
        AlertmanagerPayload payload = parse(ALERTMANAGER);
        assertThat(payload.version()).isEqualTo("4");
        assertThat(payload.receiver()).isEqualTo("heraldo");
        assertThat(payload.alerts()).hasSize(2);
        Alert firing = payload.alerts().get(0);
        assertThat(firing.index()).isZero();
        assertThat(firing.firing()).isTrue();
        assertThat(firing.labels()).containsEntry("heraldo_component", "ldap").containsEntry("severity", "critical");
        assertThat(firing.annotations()).containsEntry("summary", "LDAP does not answer");
        assertThat(firing.startsAt()).isEqualTo(OffsetDateTime.parse("2024-05-01T14:00:00.123456789Z"));
        assertThat(firing.endsAt()).as("Go's zero time is no time").isNull();
        assertThat(firing.fingerprint()).isEqualTo("c6eadffa33fcdf37");
        Alert resolved = payload.alerts().get(1);
        assertThat(resolved.firing()).isFalse();
        assertThat(resolved.endsAt()).isEqualTo(OffsetDateTime.parse("2024-05-01T09:30:00Z"));
    }

    @Test
    void grafanasContactPointBodyIsReadToo() {
        AlertmanagerPayload payload = parse("""
                {"receiver": "heraldo", "status": "firing", "orgId": 1, "version": "1", "groupKey": "{}:{}",
                 "title": "[FIRING:1]", "state": "alerting", "message": "**Firing**",
                 "alerts": [{"status": "firing", "labels": {"alertname": "High memory", "heraldo_component": "web"},
                   "annotations": {"description": "memory"}, "startsAt": "2021-10-12T09:51:03.157076+02:00",
                   "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "c6eadffa33fcdf37",
                   "silenceURL": "", "dashboardURL": "", "panelURL": "", "values": {"B": 44.2, "C": 1}}]}""");
        assertThat(payload.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.labels()).containsEntry("heraldo_component", "web");
            assertThat(alert.startsAt()).isEqualTo(OffsetDateTime.parse("2021-10-12T07:51:03.157076Z"));
        });
    }

    @Test
    void withoutAFingerprintTheLabelsMakeOneWhateverTheirOrder() {
        String a = parse(oneAlert("labels", "{\"a\": \"1\", \"b\": \"2\"}")).alerts().get(0).fingerprint();
        String b = parse(oneAlert("labels", "{\"b\": \"2\", \"a\": \"1\"}")).alerts().get(0).fingerprint();
        String c = parse(oneAlert("labels", "{\"a\": \"1\", \"b\": \"3\"}")).alerts().get(0).fingerprint();
        assertThat(a).hasSize(16).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void aMalformedBodyIsRefusedNamingTheField() {
        refused("", "body: is empty, expected an Alertmanager webhook (JSON)");
        refused("{not json", "body: is not valid JSON");
        refused("[]", "body: must be a JSON object");
        refused("{\"alerts\": []}", "version: is required (Alertmanager sends \"4\")");
        refused("{\"version\": 4, \"alerts\": []}", "version: must be a string");
        refused("{\"version\": \"5\", \"alerts\": []}",
                "version: '5' is not supported: Alertmanager's webhook version 4 (or Grafana's 1)");
        refused("{\"version\": \"4\"}", "alerts: is required, an array of alerts");
        refused("{\"version\": \"4\", \"alerts\": {}}", "alerts: must be an array of alerts");
        refused("{\"version\": \"4\", \"alerts\": [1]}", "alerts[0]: must be an object");
        refused(oneAlert("status", "\"pending\""), "alerts[0].status: 'pending' is neither firing nor resolved");
        refused("{\"version\": \"4\", \"alerts\": [{\"startsAt\": \"2024-05-01T10:00:00Z\"}]}",
                "alerts[0].status: is required (firing or resolved)");
        refused(oneAlert("labels", "{\"severity\": 3}"), "alerts[0].labels.severity: must be a string");
        refused(oneAlert("labels", "[]"), "alerts[0].labels: must be an object of names to strings");
        refused(oneAlert("annotations", "\"x\""), "alerts[0].annotations: must be an object of names to strings");
        refused(oneAlert("startsAt", "\"yesterday\""), "alerts[0].startsAt: 'yesterday' is not an RFC 3339 timestamp");
        refused(oneAlert("startsAt", "\"0001-01-01T00:00:00Z\""),
                "alerts[0].startsAt: '0001-01-01T00:00:00Z' is not a time");
        refused(oneAlert("endsAt", "\"+10000-01-01T00:00:00Z\""),
                "alerts[0].endsAt: '+10000-01-01T00:00:00Z' is past the year 9999");
        refused(oneAlert("fingerprint", "12"), "alerts[0].fingerprint: must be a string");
        refused("{\"version\": \"4\", \"alerts\": [{\"status\": \"firing\"}]}", "alerts[0].startsAt: is required");
        StringBuilder many = new StringBuilder("{\"version\": \"4\", \"alerts\": [");
        for (int i = 0; i <= AlertmanagerPayload.MAX_ALERTS; i++) {
            many.append(i == 0 ? "" : ",").append("{}");
        }
        refused(many.append("]}").toString(), "alerts: 1001 alerts, at most 1000 a request (set max_alerts in the receiver)");
    }

    /** A body of one firing alert whose field {@code name} is the JSON {@code value}. */
    private static String oneAlert(String name, String value) {
        try {
            ObjectNode alert = (ObjectNode) JSON.readTree(
                    "{\"status\": \"firing\", \"labels\": {}, \"startsAt\": \"2024-05-01T10:00:00Z\"}");
            alert.set(name, JSON.readTree(value));
            return "{\"version\": \"4\", \"alerts\": [" + JSON.writeValueAsString(alert) + "]}";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void refused(String body, String reason) {
        assertThatThrownBy(() -> parse(body)).as(body.length() > 200 ? body.substring(0, 200) : body)
                .isInstanceOf(InvalidPayloadException.class).hasMessageStartingWith(reason);
    }

    private static AlertmanagerPayload parse(String body) {
        return AlertmanagerPayload.parse(body.getBytes(StandardCharsets.UTF_8), JSON);
    }
}
