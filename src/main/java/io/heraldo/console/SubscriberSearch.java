package io.heraldo.console;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;

/** Subscribers whose address contains some text, for the console's search (read only). */
@ApplicationScoped
public class SubscriberSearch {

    /** What the console lists of a subscriber. */
    public record Found(UUID id, String email, String locale, String state, OffsetDateTime createdAt) {

        public boolean subscribed() {
            return "pending".equals(state) || "confirmed".equals(state);
        }
    }

    static final int LIMIT = 50;

    private final Jdbi jdbi;

    public SubscriberSearch(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** At most {@value #LIMIT}, by address; the text is matched literally (no wildcards of its own). */
    public List<Found> containing(String text) {
        String pattern = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbi.withHandle(handle -> handle.createQuery("""
                select id, email, locale, state, created_at from subscriber
                where email ilike :pattern escape '\\' order by lower(email) limit :limit""")
                .bind("pattern", pattern).bind("limit", LIMIT)
                .map((rs, ctx) -> new Found(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class)))
                .list());
    }
}
