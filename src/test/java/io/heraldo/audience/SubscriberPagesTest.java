package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The pages of a notification's audience walk the index of confirmed ids instead of sorting the table: with many
 * subscribers, the planner, unable to estimate the components and kinds filters, read and sorted every subscriber
 * for each page of 500.
 */
@QuarkusTest
class SubscriberPagesTest {

    @Inject
    SubscriberRepository repository;

    @Inject
    Jdbi jdbi;

    @Test
    void aPageOfFollowersWalksTheConfirmedIndexInOrder() {
        // In one transaction, rolled back: no other test ever sees these readers. The repository's own calls join it
        // (Jdbi reuses the thread's handle), so its planner sees them and their statistics.
        jdbi.useTransaction(handle -> {
            handle.execute("""
                    insert into subscriber (id, email, locale, components, state, confirm_nonce, created_at, updated_at,
                                            confirmed_at)
                    select gen_random_uuid(), 'pages-' || g || '@pages.test', 'en', '{}', 'confirmed', md5(g::text),
                           now(), now(), now()
                    from generate_series(1, 20000) g""");
            handle.execute("analyze subscriber");
            try {
                for (String plan : List.of(
                        repository.planOfPage(List.of("ldap", "smtp"), null, null, 500),
                        repository.planOfPage(List.of("ldap"), EnumSet.of(Kinds.ALL, Kinds.MAJOR), UUID.randomUUID(),
                                500))) {
                    assertThat(plan).contains("Index Scan using subscriber_confirmed").doesNotContain("Sort");
                }
                assertThat(repository.confirmedFollowing(List.of("ldap"), null, 500)).hasSize(500);
            } finally {
                handle.rollback();
            }
        });
    }
}
