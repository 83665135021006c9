package io.heraldo.status;

import static io.heraldo.status.StatusEvents.DAY;
import static io.heraldo.status.StatusEvents.UTC;
import static io.heraldo.status.StatusEvents.incident;
import static io.heraldo.status.StatusEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.event.ComponentStatus;
import io.heraldo.status.ReportRules.Entry;
import io.heraldo.status.StatusChange.ComponentState;

/**
 * Incidents on a real PostgreSQL through the ledger, without Quarkus: opening, updating and resolving one moves what
 * its components show, and an event older than the incident's newest is timeline only.
 */
class IncidentLedgerTest {

    @RegisterExtension
    static final LedgerDatabase db = new LedgerDatabase();

    private record Stored(String title, String status, String impact, OffsetDateTime createdAt,
            OffsetDateTime monitoringAt, OffsetDateTime resolvedAt) {
    }

    private record TimelineEntry(String id, String status, OffsetDateTime at) {
    }

    @Test
    void anIncidentOpensIsUpdatedAndResolvesAndItsComponentsFollow() throws Exception {
        String suffix = unique();
        String id = "inc-" + suffix;
        String ldap = "ldap-" + suffix;
        String proxy = "proxy-" + suffix;

        StatusChange opened = db.applied(incident("opened-" + suffix, "incident.opened", id, DAY.plusHours(9),
                "\"title\": \"Logins fail\", \"status\": \"investigating\", \"impact\": \"critical\", \"components\": "
                        + "{\"%s\": \"major_outage\", \"%s\": \"partial_outage\"}".formatted(ldap, proxy),
                "Looking into it"));

        assertThat(opened.created()).isTrue();
        assertThat(opened.previousStatus()).isNull();
        assertThat(opened.status()).isEqualTo("investigating");
        assertThat(opened.impact()).isEqualTo("critical");
        assertThat(opened.title()).isEqualTo("Logins fail");
        assertThat(opened.startedAt()).isAtSameInstantAs(DAY.plusHours(9));
        assertThat(opened.components()).containsExactly(
                new ComponentState(ldap, ldap, "major_outage", "operational"),
                new ComponentState(proxy, proxy, "partial_outage", "operational"));
        String affectedJson = db.jdbi().withHandle(h -> h.createQuery(
                "select affected_components::text from incident_update where id = :id").bind("id", "opened-" + suffix)
                .mapTo(String.class).one());
        JsonNode affected = new ObjectMapper().readTree(affectedJson);
        assertThat(affected).hasSize(2);
        assertThat(affected.get(0).get("code").asText()).isEqualTo(ldap);
        assertThat(affected.get(0).get("old_status").asText()).isEqualTo("operational");
        assertThat(affected.get(0).get("new_status").asText()).isEqualTo("major_outage");

        StatusChange monitoring = db.applied(incident("monitoring-" + suffix, "incident.updated", id,
                DAY.plusHours(10), "\"status\": \"monitoring\", \"components\": {\"%s\": \"operational\"}".formatted(proxy),
                "Fix deployed"));

        assertThat(monitoring.created()).isFalse();
        assertThat(monitoring.previousStatus()).isEqualTo("investigating");
        assertThat(monitoring.title()).as("an update without a title keeps it").isEqualTo("Logins fail");
        assertThat(monitoring.components()).containsExactly(
                new ComponentState(ldap, ldap, "major_outage", null),
                new ComponentState(proxy, proxy, "operational", "partial_outage"));
        assertThat(stored(id)).isEqualTo(new Stored("Logins fail", "monitoring", "critical", DAY.plusHours(9),
                DAY.plusHours(10), null));

        StatusChange resolved = db.applied(incident("resolved-" + suffix, "incident.resolved", id, DAY.plusHours(11),
                "\"status\": \"resolved\"", "All good"));

        assertThat(resolved.previousStatus()).isEqualTo("monitoring");
        assertThat(resolved.components()).containsExactly(
                new ComponentState(ldap, ldap, "operational", "major_outage"),
                new ComponentState(proxy, proxy, "operational", null));
        assertThat(stored(id)).isEqualTo(new Stored("Logins fail", "resolved", "critical", DAY.plusHours(9),
                DAY.plusHours(10), DAY.plusHours(11)));
        assertThat(db.shown(ldap)).isEqualTo("operational");
        assertThat(db.history(ldap)).containsExactly(
                new Entry(DAY.plusHours(9), ComponentStatus.MAJOR_OUTAGE),
                new Entry(DAY.plusHours(11), ComponentStatus.OPERATIONAL));
        assertThat(timeline(id)).extracting(TimelineEntry::status)
                .containsExactly("investigating", "monitoring", "resolved");
    }

    @Test
    void aResolvedIncidentLeavesAComponentToTheWorstStatusAnotherOpenIncidentGivesIt() {
        String suffix = unique();
        String mailbox = "mailbox-" + suffix;
        String first = "inc-a-" + suffix;
        String second = "inc-b-" + suffix;
        db.applied(incident("a-opened-" + suffix, "incident.opened", first, DAY.plusHours(9),
                "\"title\": \"Slow mail\", \"status\": \"investigating\", \"impact\": \"minor\", \"components\": "
                        + "{\"%s\": \"partial_outage\"}".formatted(mailbox), "Slow"));
        db.applied(incident("b-opened-" + suffix, "incident.opened", second, DAY.plusHours(9).plusMinutes(10),
                "\"title\": \"No mail\", \"status\": \"investigating\", \"impact\": \"major\", \"components\": "
                        + "{\"%s\": \"major_outage\"}".formatted(mailbox), "Down"));
        assertThat(db.shown(mailbox)).isEqualTo("major_outage");

        StatusChange resolved = db.applied(incident("b-resolved-" + suffix, "incident.resolved", second,
                DAY.plusHours(10), "\"status\": \"resolved\"", "Back"));

        assertThat(db.shown(mailbox)).as("the first incident still holds it").isEqualTo("partial_outage");
        assertThat(resolved.components()).containsExactly(
                new ComponentState(mailbox, mailbox, "partial_outage", "major_outage"));

        db.applied(incident("a-resolved-" + suffix, "incident.resolved", first, DAY.plusHours(10).plusMinutes(30),
                "\"status\": \"resolved\"", "Fast again"));

        assertThat(db.shown(mailbox)).isEqualTo("operational");
    }

    @Test
    void anEventOlderThanTheIncidentsNewestGoesIntoTheTimelineAndSetsNothing() {
        String suffix = unique();
        String id = "inc-" + suffix;
        String ldap = "ldap-" + suffix;
        String webmail = "webmail-" + suffix;
        db.applied(incident("opened-" + suffix, "incident.opened", id, DAY.plusHours(9),
                "\"title\": \"Logins fail\", \"status\": \"investigating\", \"impact\": \"major\", \"components\": "
                        + "{\"%s\": \"major_outage\"}".formatted(ldap), "Looking"));
        db.applied(incident("monitoring-" + suffix, "incident.updated", id, DAY.plusHours(10),
                "\"status\": \"monitoring\", \"components\": {\"%s\": \"partial_outage\"}".formatted(ldap), "Better"));

        // Published at 08:30 (before the opening) and read last: it names ldap again and a component never named.
        StatusChange late = db.applied(incident("identified-" + suffix, "incident.updated", id,
                DAY.plusHours(8).plusMinutes(30), "\"title\": \"Renamed late\", \"status\": \"identified\","
                        + " \"impact\": \"critical\", \"components\": {\"%s\": \"degraded_performance\", \"%s\": \"major_outage\"}"
                                .formatted(ldap, webmail),
                "Found it"));

        assertThat(late.late()).isTrue();
        assertThat(late.status()).as("the incident's status, unchanged").isEqualTo("monitoring");
        assertThat(late.title()).isEqualTo("Logins fail");
        assertThat(late.impact()).isEqualTo("major");
        assertThat(late.startedAt()).as("it says the incident started earlier").isAtSameInstantAs(
                DAY.plusHours(8).plusMinutes(30));
        assertThat(stored(id)).isEqualTo(new Stored("Logins fail", "monitoring", "major",
                DAY.plusHours(8).plusMinutes(30), DAY.plusHours(10), null));
        assertThat(timeline(id)).containsExactly(
                new TimelineEntry("identified-" + suffix, "identified", DAY.plusHours(8).plusMinutes(30)),
                new TimelineEntry("opened-" + suffix, "investigating", DAY.plusHours(9)),
                new TimelineEntry("monitoring-" + suffix, "monitoring", DAY.plusHours(10)));
        // ldap keeps the status the incident last gave and what its newest report says; the late one is history.
        assertThat(givenStatus(id, ldap)).isEqualTo("partial_outage");
        assertThat(db.shown(ldap)).isEqualTo("partial_outage");
        assertThat(db.history(ldap)).containsExactly(
                new Entry(DAY.plusHours(8).plusMinutes(30), ComponentStatus.DEGRADED_PERFORMANCE),
                new Entry(DAY.plusHours(9), ComponentStatus.MAJOR_OUTAGE),
                new Entry(DAY.plusHours(10), ComponentStatus.PARTIAL_OUTAGE));
        // A component it had not named is filled in, and nothing newer was reported for it.
        assertThat(givenStatus(id, webmail)).isEqualTo("major_outage");
        assertThat(db.shown(webmail)).isEqualTo("major_outage");
    }

    @Test
    void aLateEventOfAResolvedIncidentCannotHoldAComponent() {
        String suffix = unique();
        String id = "inc-" + suffix;
        String ldap = "ldap-" + suffix;
        String proxy = "proxy-" + suffix;
        db.applied(incident("opened-" + suffix, "incident.opened", id, DAY.plusHours(9),
                "\"title\": \"Logins fail\", \"status\": \"investigating\", \"impact\": \"major\", \"components\": "
                        + "{\"%s\": \"major_outage\"}".formatted(ldap), "Looking"));
        db.applied(incident("resolved-" + suffix, "incident.resolved", id, DAY.plusHours(10),
                "\"status\": \"resolved\"", "Fixed"));

        StatusChange late = db.applied(incident("identified-" + suffix, "incident.updated", id,
                DAY.plusHours(9).plusMinutes(30), "\"status\": \"identified\", \"components\": "
                        + "{\"%s\": \"major_outage\", \"%s\": \"partial_outage\"}".formatted(ldap, proxy),
                "Found it"));

        assertThat(late.late()).isTrue();
        assertThat(late.status()).isEqualTo("resolved");
        assertThat(db.shown(ldap)).isEqualTo("operational");
        assertThat(db.shown(proxy)).isEqualTo("operational");
        // proxy was down from the late event's time until the closing.
        assertThat(db.history(proxy)).containsExactly(
                new Entry(DAY.plusHours(9).plusMinutes(30), ComponentStatus.PARTIAL_OUTAGE),
                new Entry(DAY.plusHours(10), ComponentStatus.OPERATIONAL));
        assertThat(stored(id).resolvedAt()).isEqualTo(DAY.plusHours(10));
    }

    private static Stored stored(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                select title, status, impact, created_at, monitoring_at, resolved_at from incident where id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new Stored(rs.getString("title"), rs.getString("status"), rs.getString("impact"),
                        utc(rs.getObject("created_at", OffsetDateTime.class)),
                        utc(rs.getObject("monitoring_at", OffsetDateTime.class)),
                        utc(rs.getObject("resolved_at", OffsetDateTime.class))))
                .one());
    }

    private static List<TimelineEntry> timeline(String id) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                select id, status, created_at from incident_update where incident_id = :id order by created_at, seq""")
                .bind("id", id)
                .map((rs, ctx) -> new TimelineEntry(rs.getString("id"), rs.getString("status"),
                        utc(rs.getObject("created_at", OffsetDateTime.class))))
                .list());
    }

    private static String givenStatus(String incidentId, String componentId) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                select status from incident_component where incident_id = :incident and component_id = :component""")
                .bind("incident", incidentId)
                .bind("component", componentId)
                .mapTo(String.class)
                .one());
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(UTC);
    }
}
