package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SubscriberRestoreRulesTest {

    private static StoredSubscriber version(String email, String updatedAt) {
        OffsetDateTime t = OffsetDateTime.parse(updatedAt);
        return new StoredSubscriber(new Subscriber(UUID.randomUUID(), email, "es", List.of(), SubscriberState.CONFIRMED,
                t.minusDays(1), t, t), "n", 0);
    }

    @Test
    void theLatestChangedSubscriberKeepsAnAddressTheTopicGivesTwice() {
        StoredSubscriber old = version("ana@zbox.cl", "2026-01-01T00:00:00Z");
        StoredSubscriber newer = version("ANA@zbox.cl", "2026-02-01T00:00:00Z");
        StoredSubscriber other = version("beto@zbox.cl", "2026-01-01T00:00:00Z");
        List<StoredSubscriber> winners = new ArrayList<>();
        List<UUID> superseded = new ArrayList<>();

        SubscriberRestore.oneSubscriberPerAddress(List.of(newer, old, other), winners, superseded);

        assertThat(winners).containsExactlyInAnyOrder(newer, other);
        assertThat(superseded).containsExactly(old.subscriber().id());
    }

    @Test
    void theJsonOfTheTopicGivesBackTheSameSubscriber() {
        SubscriberJson json = new SubscriberJson(new com.fasterxml.jackson.databind.ObjectMapper());
        StoredSubscriber stored = new StoredSubscriber(new Subscriber(UUID.randomUUID(), "Ana@zbox.cl", "en",
                List.of("ldap", "mta"), SubscriberState.PENDING, OffsetDateTime.parse("2026-01-01T10:00:00.123456Z"),
                OffsetDateTime.parse("2026-01-02T10:00:00Z"), null), "nonce", 2);

        String value = json.write(stored);

        assertThat(value).contains("\"created_at\":\"2026-01-01T10:00:00.123456Z\"", "\"confirmed_at\":null",
                "\"soft_bounces\":2", "\"state\":\"pending\"");
        assertThat(json.read(value)).isEqualTo(stored);
    }

    @Test
    void kindsTravelsOnTheTopicAndARecordWithoutItMeansAll() {
        SubscriberJson json = new SubscriberJson(new com.fasterxml.jackson.databind.ObjectMapper());
        StoredSubscriber major = new StoredSubscriber(new Subscriber(UUID.randomUUID(), "ana@zbox.cl", "es", List.of(),
                Kinds.MAJOR, SubscriberState.CONFIRMED, OffsetDateTime.parse("2026-01-01T10:00:00Z"),
                OffsetDateTime.parse("2026-01-02T10:00:00Z"), OffsetDateTime.parse("2026-01-02T10:00:00Z")), "n", 0);

        String value = json.write(major);

        assertThat(value).contains("\"kinds\":\"major\"");
        assertThat(json.read(value)).isEqualTo(major);
        assertThat(json.read(value.replace(",\"kinds\":\"major\"", "")).subscriber().kinds()).isEqualTo(Kinds.ALL);
        assertThatThrownBy(() -> json.read(value.replace("\"kinds\":\"major\"", "\"kinds\":\"urgent\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("urgent");
    }
}
