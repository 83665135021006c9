package io.heraldo.status;

import static io.heraldo.status.StatusEvents.DAY;
import static io.heraldo.status.StatusEvents.UTC;
import static io.heraldo.status.StatusEvents.event;
import static io.heraldo.status.StatusEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Notices on a real PostgreSQL through the ledger, without Quarkus. */
class NoticeLedgerTest {

    @RegisterExtension
    static final LedgerDatabase db = new LedgerDatabase();

    private record Stored(String title, String body, String lang, OffsetDateTime publishedAt, String eventId) {
    }

    @Test
    void aNoticePublishedAgainTakesTheNewTextAndKeepsItsFirstPublication() {
        String suffix = unique();
        String id = "notice-" + suffix;

        StatusChange first = db.applied(event("published-" + suffix, "notice.published", id, DAY.plusHours(9), """
                {"notice": {"id": "%s", "title": "New support address", "body": "Write to help@example.org",
                 "lang": "en"}}""".formatted(id)));

        assertThat(first.title()).isEqualTo("New support address");
        assertThat(first.created()).isTrue();
        assertThat(first.components()).isEmpty();
        assertThat(stored(id)).isEqualTo(new Stored("New support address", "Write to help@example.org", "en",
                DAY.plusHours(9), "published-" + suffix));

        db.applied(event("corrected-" + suffix, "notice.published", id, DAY.plusHours(10), """
                {"notice": {"id": "%s", "title": "Nueva dirección de soporte", "body": "Escríbannos a ayuda@example.org"}}"""
                .formatted(id)));

        assertThat(stored(id)).isEqualTo(new Stored("Nueva dirección de soporte", "Escríbannos a ayuda@example.org",
                "es", DAY.plusHours(9), "corrected-" + suffix));
    }

    private static Stored stored(String id) {
        return db.jdbi().withHandle(h -> h.createQuery(
                "select title, body, lang, published_at, event_id from notice where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Stored(rs.getString("title"), rs.getString("body"), rs.getString("lang"),
                        rs.getObject("published_at", OffsetDateTime.class).withOffsetSameInstant(UTC),
                        rs.getString("event_id")))
                .one());
    }
}
