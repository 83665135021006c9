package io.heraldo.audience;

import static io.heraldo.audience.AudienceFixtures.WAIT;
import static io.heraldo.audience.AudienceFixtures.subscribe;
import static io.heraldo.audience.AudienceFixtures.subscribeAndConfirm;
import static io.heraldo.audience.AudienceFixtures.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.InjectGreenMail;
import io.heraldo.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/** Every change reaches the compacted topic through the outbox; the fan-out's read pages confirmed subscribers. */
@QuarkusTest
class SubscriberOutboxTest {

    private final ObjectMapper json = new ObjectMapper();

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    SubscriberRepository repository;

    @Inject
    SubscriberImport subscriberImport;

    @Inject
    DataSource dataSource;

    private String tag;

    @BeforeEach
    void fresh() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        tag = suffix();
    }

    @Test
    void everyChangeIsPublishedKeyedBySubscriberInOrder() throws Exception {
        String email = "outbox-" + tag + "@zbox.test";
        subscribeAndConfirm(greenMail, email);
        UUID id = repository.byEmail(email).orElseThrow().id();
        repository.changePreferences(id, "en", List.of("mta", "ldap"));

        List<JsonNode> versions = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(id.toString())) {
                        versions.add(json.readTree(record.value()));
                    }
                }
                return versions.size() >= 3;
            });
        }
        assertThat(versions).extracting(v -> v.get("state").asText()).containsExactly("pending", "confirmed", "confirmed");
        JsonNode last = versions.get(2);
        assertThat(last.get("id").asText()).isEqualTo(id.toString());
        assertThat(last.get("email").asText()).isEqualTo(email);
        assertThat(last.get("locale").asText()).isEqualTo("en");
        assertThat(last.get("components")).extracting(JsonNode::asText).containsExactly("ldap", "mta");
        assertThat(last.get("confirmed_at").asText()).endsWith("Z");
        assertThat(last.get("confirm_nonce").asText()).isNotBlank();
        assertThat(last.has("soft_bounces")).isTrue();
        await().atMost(WAIT).until(() -> unpublished(id) == 0);
    }

    @Test
    void theTopicIsCompacted() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", TestKafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "heraldo-subscribers");
            String policy = admin.describeConfigs(List.of(topic)).all().get().get(topic).get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void softBouncesSuppressAtTheThirdAndAChangeOnlyWritesWhenSomethingChanged() throws Exception {
        String email = "bouncy-" + tag + "@zbox.test";
        subscriberImport.importConfirmed(List.of(new SubscriberCsv.Row(2, email, "es", List.of())));
        UUID id = repository.byEmail(email).orElseThrow().id();
        assertThat(outboxRows(id)).isEqualTo(1);

        repository.recordSoftBounce(id);
        repository.clearSoftBounces(id);
        repository.clearSoftBounces(id); // nothing to clear: no change, no outbox row
        repository.recordSoftBounce(id);
        repository.recordSoftBounce(id);
        assertThat(repository.byId(id).orElseThrow().state()).isEqualTo(SubscriberState.CONFIRMED);
        assertThat(repository.recordSoftBounce(id).orElseThrow().state()).isEqualTo(SubscriberState.SUPPRESSED);
        assertThat(repository.suppress(id).orElseThrow().state()).isEqualTo(SubscriberState.SUPPRESSED);
        assertThat(outboxRows(id)).isEqualTo(6);

        // A suppressed address that subscribes again starts a new opt-in, with its bounces forgotten.
        subscribe(email).then().statusCode(202);
        assertThat(repository.storedById(id).orElseThrow()).satisfies(s -> {
            assertThat(s.subscriber().state()).isEqualTo(SubscriberState.PENDING);
            assertThat(s.softBounces()).isZero();
        });
        assertThat(repository.unsubscribe(UUID.randomUUID())).isEmpty();
    }

    @Test
    void confirmedFollowingPagesTheAudienceOfSomeComponents() {
        String ldap = "ldap-" + tag;
        String mta = "mta-" + tag;
        String all = "all-" + tag + "@zbox.test";
        String ldapOnly = "ldap-" + tag + "@zbox.test";
        String mtaOnly = "mta-" + tag + "@zbox.test";
        String both = "both-" + tag + "@zbox.test";
        String gone = "gone-" + tag + "@zbox.test";
        subscriberImport.importConfirmed(List.of(
                new SubscriberCsv.Row(2, all, "es", List.of()),
                new SubscriberCsv.Row(3, ldapOnly, "es", List.of(ldap)),
                new SubscriberCsv.Row(4, mtaOnly, "en", List.of(mta)),
                new SubscriberCsv.Row(5, both, "en", List.of(ldap, mta)),
                new SubscriberCsv.Row(6, gone, "en", List.of(ldap))));
        repository.unsubscribe(repository.byEmail(gone).orElseThrow().id());
        repository.optIn("pending-" + tag + "@zbox.test", "es", List.of(ldap));

        assertThat(mine(List.of(ldap), 7)).containsExactlyInAnyOrder(all, ldapOnly, both);
        assertThat(mine(List.of(mta, "other"), 3)).containsExactlyInAnyOrder(all, mtaOnly, both);
        assertThat(mine(List.of("nobody-follows-" + tag), 1000)).containsExactly(all);
        assertThat(mine(List.of(), 1000)).containsExactlyInAnyOrder(all, ldapOnly, mtaOnly, both);
    }

    /** Pages through the whole audience and keeps this test's subscribers, checking the id order on the way. */
    private List<String> mine(List<String> components, int pageSize) {
        List<String> found = new ArrayList<>();
        UUID after = null;
        while (true) {
            List<Subscriber> page = repository.confirmedFollowing(components, after, pageSize);
            for (Subscriber s : page) {
                assertThat(s.state()).isEqualTo(SubscriberState.CONFIRMED);
                if (after != null) {
                    // PostgreSQL orders uuids as unsigned bytes, like their text; UUID.compareTo is signed.
                    assertThat(s.id().toString()).isGreaterThan(after.toString());
                }
                after = s.id();
                if (s.email().contains(tag)) {
                    found.add(s.email());
                }
            }
            if (page.size() < pageSize) {
                return found;
            }
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor("heraldo-subscribers").stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private int unpublished(UUID id) throws Exception {
        return count("select count(*) from subscriber_outbox where subscriber_id = ? and published_at is null", id);
    }

    private int outboxRows(UUID id) throws Exception {
        return count("select count(*) from subscriber_outbox where subscriber_id = ?", id);
    }

    private int count(String sql, UUID id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
