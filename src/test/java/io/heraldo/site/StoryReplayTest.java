package io.heraldo.site;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.StatusTables;
import io.heraldo.StoryEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The example outage, replayed through Kafka, as Statuspage clients and people read it. */
@QuarkusTest
@QuarkusTestResource(HeraldoServers.class)
class StoryReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    DataSource dataSource;

    @BeforeEach
    void emptyPage() {
        StatusTables.reset(dataSource);
    }

    @Test
    void theLdapOutageIsOnThePageFromTheMomentItOpensUntilItIsResolved() throws Exception {
        StoryEvents.publish(StoryEvents.ALL.subList(0, 9));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/summary.json").then()
                .statusCode(200)
                .body("status.indicator", is("critical"))
                .body("status.description", is("Major System Outage"))
                .body("incidents.id", contains("inc-ldap-auth"))
                .body("incidents[0].name", is("Problemas de validación de usuarios"))
                .body("incidents[0].status", is("investigating"))
                .body("incidents[0].impact", is("critical"))
                .body("incidents[0].shortlink", is("http://localhost:8080/incidents/inc-ldap-auth"))
                .body("incidents[0].incident_updates", hasSize(1))
                .body("incidents[0].incident_updates[0].affected_components.code", hasItem("ldap"))
                .body("components.find { it.id == 'ldap' }.status", is("major_outage"))
                .body("components.find { it.id == 'proxy' }.status", is("partial_outage"))
                .body("components.find { it.id == 'mta' }.status", is("operational"))
                .body("components.find { it.id == 'group-servidores' }.group", is(true))
                .body("components.find { it.id == 'group-servidores' }.components", hasItem("ldap"))
                .body("components.find { it.id == 'ldap' }.group_id", is("group-servidores")));

        // Both maintenance windows lie in 2015: the LDAP one was completed by its events, and the maintenance
        // clock starts and completes the mailbox one by itself.
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/scheduled-maintenances.json").then()
                .body("scheduled_maintenances.find { it.id == 'mnt-mailbox-7' }.status", is("completed"))
                .body("scheduled_maintenances.find { it.id == 'mnt-mailbox-7' }.started_at",
                        is("2015-02-10T12:30:00.000-03:00"))
                .body("scheduled_maintenances.find { it.id == 'mnt-ldap-2' }.status", is("completed"))
                .body("scheduled_maintenances.find { it.id == 'mnt-ldap-2' }.scheduled_for",
                        is("2015-02-09T22:00:00.000-03:00")));
        given().get("/api/v2/summary.json").then()
                .body("components.find { it.id == 'mailbox' }.status", is("operational"))
                .body("components.find { it.id == 'proxy' }.status", is("partial_outage"))
                .body("scheduled_maintenances", hasSize(0));
        given().get("/api/v2/incidents/unresolved.json").then().body("incidents.id", contains("inc-ldap-auth"));
        given().get("/").then().statusCode(200)
                .body(containsString("Problemas de validación de usuarios"))
                .body(containsString("Hay una interrupción mayor"));

        StoryEvents.publish(StoryEvents.ALL.subList(9, StoryEvents.ALL.size()));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v2/incidents.json").then()
                .body("incidents.id", contains("inc-virt-host", "inc-ldap-auth"))
                .body("incidents.status", everyItem(is("resolved")))
                .body("incidents[1].incident_updates.status", contains("resolved", "monitoring", "identified", "investigating"))
                .body("incidents[1].monitoring_at", is("2015-02-10T13:45:00.000-03:00"))
                .body("incidents[1].resolved_at", is("2015-02-10T14:00:00.000-03:00"))
                .body("incidents[0].resolved_at", notNullValue()));
        given().get("/api/v2/summary.json").then()
                .body("status.indicator", is("none"))
                .body("status.description", is("All Systems Operational"))
                .body("incidents", hasSize(0))
                .body("components.status", everyItem(is("operational")))
                .body("components.id", hasSize(5));
        given().get("/api/v2/status.json").then().body("status.indicator", is("none")).body("page.name", is(HeraldoServers.PAGE_NAME));
        given().get("/api/v2/incidents/unresolved.json").then().body("incidents", hasSize(0));
        given().get("/api/v2/scheduled-maintenances/upcoming.json").then().body("scheduled_maintenances", hasSize(0));
        given().get("/api/v2/scheduled-maintenances/active.json").then().body("scheduled_maintenances", hasSize(0));
        given().get("/api/v2/components.json").then().body("components.id", hasItem("mailbox"))
                .body("components.id", not(hasItem("inc-ldap-auth")));

        // The uptime history keeps every shown status of ldap, in order.
        assertHistory("ldap", "major_outage", "degraded_performance", "operational");
        assertHistory("mailbox", "major_outage", "operational");
    }

    private void assertHistory(String component, String... tail) throws Exception {
        List<String> statuses = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select status from component_status_change where component_id = ? order by id")) {
            ps.setString(1, component);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    statuses.add(rs.getString(1));
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(statuses).endsWith(tail);
    }
}
