package io.heraldo.channel.social;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.HeraldoServers;
import io.heraldo.TestKafka;

/** The updates of one test incident, published to Kafka as a producer would, and what the admin API counts of them. */
public final class IncidentStory {

    public static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;

    private IncidentStory(String id) {
        this.id = id;
    }

    /** A new incident whose id starts with {@code prefix}: the marker that finds its posts among every test's. */
    public static IncidentStory named(String prefix) {
        return new IncidentStory(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String id() {
        return id;
    }

    /** The event id of update {@code n}. */
    public String event(int n) {
        return id + "-" + n;
    }

    /** Publishes update {@code n} titled {@code "Caída de LDAP <id>"}, in {@code lang} when given. */
    public void publish(int n, String type, String status, String body, String lang, String tweet) {
        publish(n, type, status, "Caída de LDAP " + id, body, lang, tweet);
    }

    public void publish(int n, String type, String status, String title, String body, String lang, String tweet) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", event(n)).put("source", "/test")
                .put("type", type);
        ObjectNode data = event.putObject("data");
        data.putObject("incident").put("id", id).put("title", title).put("status", status).put("impact", "major")
                .putObject("components");
        ObjectNode update = data.putObject("update").put("body", body);
        if (lang != null) {
            update.put("lang", lang);
        }
        if (tweet != null) {
            update.put("tweet", tweet);
        }
        TestKafka.publishStructured(id, event.toString());
    }

    /**
     * Publishes update {@code n} with a title and body in several languages, language then text:
     * {@code Map.of("es", "Caída", "en", "Outage")}.
     */
    public void publishTexts(int n, String type, String status, Map<String, String> titles, Map<String, String> bodies) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", event(n)).put("source", "/test")
                .put("type", type);
        ObjectNode data = event.putObject("data");
        ObjectNode incident = data.putObject("incident").put("id", id).put("status", status).put("impact", "major");
        incident.putObject("components");
        titles.forEach(incident.putObject("title")::put);
        bodies.forEach(data.putObject("update").putObject("body")::put);
        TestKafka.publishStructured(id, event.toString());
    }

    /** Waits until the admin API counts {@code count} deliveries of update {@code n} on {@code channel} in a state. */
    public void awaitCounts(int n, String channel, String state, int count) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(HeraldoServers.ADMIN_TOKEN)
                .get("/admin/v1/notifications/" + event(n)).then().statusCode(200)
                .body(channel + "." + state, is(count)));
    }
}
