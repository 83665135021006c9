package io.heraldo.admin;

import static io.heraldo.admin.AdminSubscribersResourceTest.exportOf;
import static io.heraldo.admin.AdminSubscribersResourceTest.importCsv;
import static io.heraldo.audience.AudienceFixtures.WAIT;
import static io.heraldo.audience.AudienceFixtures.awaitMail;
import static io.heraldo.audience.AudienceFixtures.confirmPath;
import static io.heraldo.audience.AudienceFixtures.subscribe;
import static io.heraldo.audience.AudienceFixtures.subscribeAndConfirm;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.HeraldoServers;
import io.heraldo.InjectGreenMail;
import io.heraldo.TestKafka;
import io.heraldo.audience.AudienceFixtures;
import io.heraldo.audience.Kinds;
import io.heraldo.audience.SubscriberLinks;
import io.heraldo.audience.SubscriberRepository;
import io.heraldo.audience.SubscriberState;
import io.quarkus.test.junit.QuarkusTest;

/** The database loses every subscriber; the compacted topic gives them all back, exactly. */
@QuarkusTest
class SubscriberRestoreTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    DataSource dataSource;

    @Inject
    SubscriberRepository repository;

    @Inject
    SubscriberLinks links;

    @ConfigProperty(name = "heraldo.subscribers.topic")
    String topic;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    @Test
    void afterLosingTheSubscriberTableARestoreGivesBackTheVerySameList() throws Exception {
        String tag = AudienceFixtures.suffix();
        String confirmed = "confirmed-" + tag + "@zbox.test";
        String moved = "Moved-" + tag + "@zbox.test";
        String leaving = "leaving-" + tag + "@zbox.test";
        String pending = "pending-" + tag + "@zbox.test";
        String bouncing = "bouncing-" + tag + "@zbox.test";
        subscribeAndConfirm(greenMail, confirmed);
        subscribeAndConfirm(greenMail, moved);
        repository.changePreferences(repository.byEmail(moved).orElseThrow().id(), "en", List.of("mta", "ldap"),
                Kinds.MAJOR);
        subscribeAndConfirm(greenMail, leaving);
        given().post(links.unsubscribe(repository.byEmail(leaving).orElseThrow().id()).substring(21)).then()
                .statusCode(200);
        subscribe(AudienceFixtures.client(), "{\"email\": \"" + pending + "\", \"locale\": \"en\", \"components\": [\"ldap\"]}")
                .then().statusCode(202);
        String pendingLink = confirmPath(awaitMail(greenMail, pending, 1));
        importCsv("email,locale,components,kinds\n" + bouncing + ",es,proxy,lifecycle\nimported-" + tag + "@zbox.test,en,,\n").then()
                .statusCode(200).body("imported", is(2));
        repository.recordSoftBounce(repository.byEmail(bouncing).orElseThrow().id());

        List<String> before = exportOf(tag);
        List<List<String>> rowsBefore = rows(tag);
        assertThat(before).hasSize(6);
        assertThat(before).anySatisfy(line -> assertThat(line).startsWith(moved + ",en,ldap;mta,confirmed,").endsWith(",major"));
        assertThat(before).anySatisfy(line -> assertThat(line).startsWith(bouncing + ",es,proxy,").endsWith(",lifecycle"));
        assertThat(before).anySatisfy(line -> assertThat(line).startsWith(leaving + ",es,,unsubscribed,"));
        assertThat(before).anySatisfy(line -> assertThat(line).startsWith(pending + ",en,ldap,pending,"));

        // Everything changed so far is on the topic before the table goes.
        await().atMost(WAIT).until(() -> count("select count(*) from subscriber_outbox where published_at is null") == 0);
        int outboxRows = count("select count(*) from subscriber_outbox");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate subscriber");
        }
        assertThat(exportOf(tag)).isEmpty();

        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).post("/admin/v1/subscribers/restore").then()
                .statusCode(200)
                .body("restored", greaterThanOrEqualTo(6))
                .body("conflicts", is(0))
                .body("newerInTable", is(0))
                .body("notOnTopic", is(0));

        assertThat(exportOf(tag)).isEqualTo(before);
        assertThat(rows(tag)).as("every column, nonce and bounces included").isEqualTo(rowsBefore);
        assertThat(count("select count(*) from subscriber_outbox")).as("a restore writes no outbox rows")
                .isEqualTo(outboxRows);

        // The restored pending subscriber's link still works: its nonce came back too.
        given().get(pendingLink).then().statusCode(200);
        assertThat(repository.byEmail(pending).orElseThrow().state()).isEqualTo(SubscriberState.CONFIRMED);
    }

    @Test
    void aRestoreKeepsWhatTheTableHasNewerAndTheSubscribersTheTopicDoesNotKnow() throws Exception {
        String tag = AudienceFixtures.suffix();
        String known = "known-" + tag + "@zbox.test";
        importCsv("email\n" + known + "\n").then().statusCode(200).body("imported", is(1));
        await().atMost(WAIT).until(() -> count("select count(*) from subscriber_outbox where published_at is null") == 0);
        // A subscriber the topic never saw, and a change of the known one the relay has not published yet.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    insert into subscriber (id, email, locale, state, confirm_nonce, created_at, updated_at)
                    values (gen_random_uuid(), 'local-%s@zbox.test', 'es', 'pending', 'n', now(), now())""".formatted(tag));
            s.execute("update subscriber set locale = 'en', updated_at = now() + interval '1 hour' where email = '"
                    + known + "'");
        }

        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).post("/admin/v1/subscribers/restore").then()
                .statusCode(200)
                .body("newerInTable", greaterThanOrEqualTo(1))
                .body("notOnTopic", greaterThanOrEqualTo(1));

        assertThat(exportOf(tag)).hasSize(2).anySatisfy(line -> assertThat(line).startsWith(known + ",en,"));
    }

    /** A changelog record written before subscribers had kinds restores as a subscriber of every notification. */
    @Test
    void aRecordFromBeforeKindsRestoresAsAll() throws Exception {
        String tag = AudienceFixtures.suffix();
        String old = "old-" + tag + "@zbox.test";
        String id = UUID.randomUUID().toString();
        TestKafka.publishTo(topic, id, """
                {"id": "%s", "email": "%s", "locale": "en", "components": ["ldap"], "state": "confirmed",
                 "created_at": "2025-03-01T10:00:00Z", "updated_at": "2025-03-02T10:00:00Z",
                 "confirmed_at": "2025-03-02T10:00:00Z", "confirm_nonce": "n-%s", "soft_bounces": 0}""".formatted(id, old, tag));

        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).post("/admin/v1/subscribers/restore").then().statusCode(200);

        assertThat(repository.byEmail(old)).get().satisfies(s -> {
            assertThat(s.id()).hasToString(id);
            assertThat(s.kinds()).isEqualTo(Kinds.ALL);
            assertThat(s.state()).isEqualTo(SubscriberState.CONFIRMED);
            assertThat(s.components()).containsExactly("ldap");
        });
        assertThat(exportOf(tag)).singleElement().asString().startsWith(old + ",en,ldap,confirmed,").endsWith(",all");
    }

    private List<List<String>> rows(String tag) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select * from subscriber where email like ? order by id")) {
            ps.setString(1, "%-" + tag + "@zbox.test");
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.add(meta.getColumnName(i) + "=" + rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private int count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
