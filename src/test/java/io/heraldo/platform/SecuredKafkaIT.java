package io.heraldo.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.heraldo.HeraldoProcess;
import io.heraldo.StoryEvents;
import io.heraldo.channel.webhook.WebhookReceiver;
import io.restassured.path.json.JsonPath;

/**
 * Heraldo on a broker that, like every managed cluster, lets in only clients that authenticate: the jar knows the
 * broker's {@code SASL_PLAINTEXT} / {@code PLAIN} listener alone, and the {@code kafka.*} security settings (as
 * environment variables in one test, system properties in the other). Ingest, the email fan-out and a webhook
 * delivery all work over it, and readiness is UP; with a wrong password readiness is DOWN and says why. (The broker's
 * {@code PLAINTEXT} listener is its own; Heraldo is never told about it.)
 */
class SecuredKafkaIT {

    private static final String TOKEN = "secured-kafka-token";
    private static final String PASSWORD = "heraldo-secret";
    private static final int SUBSCRIBERS = 50;
    private static final String INCIDENT = "inc-ldap-auth";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String CHECK = "Kafka clients";

    private static EmbeddedKafka kafka;
    private static EmbeddedDatabase database;
    private static GreenMail greenMail;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void startServers() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "secured-kafka-");
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 3, Map.of("heraldo", PASSWORD));
        database = EmbeddedDatabase.start(dir.resolve("postgres"), 0);
        greenMail = new GreenMail(new ServerSetup(HeraldoProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopServers() throws Exception {
        receiver.close();
        greenMail.stop();
        database.close();
        kafka.close();
    }

    @Test
    void ingestTheEmailFanoutAndAWebhookAllRunOverTheAuthenticatedListener() throws Exception {
        // The security settings as environment variables, the way a container is configured.
        Map<String, String> settings = settings(PASSWORD);
        Map<String, String> environment = new HashMap<>();
        for (String property : List.of("kafka.security.protocol", "kafka.sasl.mechanism", "kafka.sasl.jaas.config")) {
            environment.put(property.toUpperCase(Locale.ROOT).replace('.', '_'), settings.remove(property));
        }
        assertThat(environment).containsKey("KAFKA_SASL_JAAS_CONFIG");
        try (HeraldoProcess heraldo = HeraldoProcess.start("secured-kafka", List.of("-Xmx512m"), settings, environment)
                .awaitReady()) {
            String csv = IntStream.rangeClosed(1, SUBSCRIBERS).mapToObj(n -> "lector" + n + "@secured.test")
                    .collect(Collectors.joining("\n", "email\n", "\n"));
            given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("text/csv").body(csv)
                    .post("/admin/v1/subscribers/import").then().statusCode(200).body("imported", is(SUBSCRIBERS));
            JsonPath hook = given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/json")
                    .body(Map.of("url", receiver.url("/secured"))).post("/admin/v1/webhooks").then().statusCode(201)
                    .extract().jsonPath();
            receiver.secret("/secured", hook.getString("secret"));

            given().baseUri(heraldo.baseUrl()).auth().oauth2(TOKEN).contentType("application/cloudevents+json")
                    .body(StoryEvents.bytes("09-incident-ldap-opened.json")).post("/admin/v1/events").then()
                    .statusCode(202);

            await().atMost(WAIT).untilAsserted(() -> given().baseUri(heraldo.baseUrl()).get("/api/v2/incidents.json")
                    .then().body("incidents.id", hasItem(INCIDENT)));
            await().atMost(WAIT).until(() -> greenMail.getReceivedMessages().length >= SUBSCRIBERS);
            await().atMost(WAIT).until(() -> !receiver.about("/secured", INCIDENT).isEmpty());

            assertThat(recipients(greenMail.getReceivedMessages())).as("one mail to each subscriber")
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, SUBSCRIBERS)
                            .mapToObj(n -> "lector" + n + "@secured.test").toList());
            List<WebhookReceiver.Received> posts = receiver.about("/secured", INCIDENT);
            assertThat(posts).hasSize(1);
            assertThat(posts.get(0).verified()).as(posts.get(0).verifyError()).isTrue();
            assertThat(posts.get(0).type()).isEqualTo("incident.opened");

            given().baseUri(heraldo.managementUrl()).get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == '" + CHECK + "' }.status", is("UP"))
                    .body("checks.find { it.name == '" + CHECK + "' }.data.bootstrap", is(kafka.saslBootstrapServers()
                            .orElseThrow()))
                    .body("checks.find { it.name == '" + CHECK + "' }.data.security", is("SASL_PLAINTEXT"));
        }
    }

    @Test
    void withAWrongPasswordReadinessIsDownAndNamesTheBrokersRefusal() throws Exception {
        String wrong = "not-" + PASSWORD;
        try (HeraldoProcess heraldo = HeraldoProcess.start("secured-kafka-wrong-password", settings(wrong))) {
            // Until it listens, the connection is refused.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> given()
                    .baseUri(heraldo.managementUrl()).get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == '" + CHECK + "' }.status", is("DOWN"))
                    .body("checks.find { it.name == '" + CHECK + "' }.data.error",
                            containsString("Authentication failed")));
            // The process itself is fine: a restart would not fix a password.
            given().baseUri(heraldo.managementUrl()).get("/q/health/live").then().statusCode(200);
            assertThat(heraldo.output()).doesNotContain(wrong);
        }
    }

    /** Heraldo pointed at the SASL listener alone, with the user heraldo and this password. */
    private static Map<String, String> settings(String password) {
        Map<String, String> settings = new HashMap<>(HeraldoProcess.externalServers(kafka, database, Map.ofEntries(
                Map.entry("heraldo.admin.token", TOKEN),
                Map.entry("heraldo.email.enabled", "true"),
                Map.entry("heraldo.email.from", "Estado <estado@secured.test>"),
                Map.entry("heraldo.email.smtp-host", "127.0.0.1"),
                Map.entry("heraldo.email.smtp-port", Integer.toString(greenMail.getSmtp().getPort())),
                Map.entry("heraldo.email.start-tls", "DISABLED"),
                Map.entry("heraldo.webhook.allow-private-targets", "true"))));
        settings.put("kafka.bootstrap.servers", kafka.saslBootstrapServers().orElseThrow());
        settings.put("kafka.security.protocol", "SASL_PLAINTEXT");
        settings.put("kafka.sasl.mechanism", "PLAIN");
        settings.put("kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"heraldo\" password=\"" + password + "\";");
        return settings;
    }

    private static List<String> recipients(MimeMessage[] messages) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (Message message : messages) {
            Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .map(address -> ((InternetAddress) address).getAddress()).forEach(recipients::add);
        }
        return recipients;
    }
}
