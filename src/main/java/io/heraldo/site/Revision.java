package io.heraldo.site;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A page revision as read from the database.
 *
 * @param number {@code page_state.revision}, bumped by every transaction that applies something
 * @param updatedAt when that transaction ran
 * @param readAt when the read began: nothing committed before then is missing from it
 */
public record Revision(long number, OffsetDateTime updatedAt, Instant readAt) {
}
