package io.heraldo.channel.mastodon;

import static io.heraldo.channel.social.IncidentStory.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.mastodon.LocalMastodon.Status;
import io.heraldo.channel.social.AccountHealthChecks;
import io.heraldo.channel.social.IncidentStory;
import io.heraldo.fanout.DeliveryLog;
import io.quarkus.test.junit.QuarkusTest;

/**
 * From a Kafka event to a Mastodon instance (a local stand-in that checks every request as Mastodon would): an outage
 * becomes one thread of statuses fitted to the instance's own limit, a rate limit, a lost answer or a server error
 * keeps the thread in order and posts nothing twice, a revoked token pauses the account without losing a status, and
 * hostile text stays text. Other tests post too, so each test looks only at statuses carrying its own incident id.
 */
@QuarkusTest
class MastodonFanoutTest {

    private static final String LONG_BODY = "Cerca del 70% de los usuarios no puede iniciar sesión en el webmail ni en "
            + "los clientes IMAP porque el servicio de directorio LDAP dejó de responder después de la actualización "
            + "programada; estamos revirtiendo el cambio y reiniciando los nodos del clúster uno por uno para no perder "
            + "configuraciones. Publicaremos una nueva actualización en 30 minutos o antes si hay novedades.";

    @InjectLocalMastodon
    LocalMastodon mastodon;

    @Inject
    DeliveryLog deliveries;

    @AfterEach
    void everyRequestHadMastodonsShape() {
        assertThat(mastodon.malformed()).isEmpty();
    }

    @Test
    void anIncidentsStoryIsOneThreadOfStatusesFittedToTheInstancesLimit() {
        IncidentStory story = IncidentStory.named("inc-md");
        story.publish(1, "incident.opened", "investigating", LONG_BODY, null, null);
        story.publish(2, "incident.updated", "identified", "Encontramos la causa: un índice dañado.", null, null);
        story.publish(3, "incident.resolved", "resolved", "Service restored for every user.", "en", null);

        List<Status> thread = awaitStatuses(story.id(), 3);

        assertThat(thread.get(0).inReplyToId()).isNull();
        assertThat(thread.get(1).inReplyToId()).isEqualTo(thread.get(0).id());
        assertThat(thread.get(2).inReplyToId()).isEqualTo(thread.get(1).id());
        // Cut on a word to the instance's 420 (not Mastodon's default 500), the link whole.
        assertThat(thread.get(0).text()).startsWith("Investigando: Caída de LDAP " + story.id() + "\n\nCerca del 70%")
                .contains("…\n\n");
        assertThat(LocalMastodon.countedLength(thread.get(0).text())).isBetween(HeraldoServers.MASTODON_MAX_CHARACTERS - 20,
                HeraldoServers.MASTODON_MAX_CHARACTERS);
        assertThat(thread.get(1).text()).startsWith("Identificado: ").contains("Encontramos la causa");
        // The account speaks its language (heraldo.mastodon.lang, the default locale here) whatever the update's.
        assertThat(thread.get(2).text()).startsWith("Resuelto: ").contains("Service restored");
        for (int i = 0; i < thread.size(); i++) {
            Status status = thread.get(i);
            assertThat(status.text()).endsWith("\n\nhttp://localhost:8080/incidents/" + story.id());
            assertThat(status.visibility()).isEqualTo("public");
            assertThat(status.language()).isEqualTo("es");
            assertThat(status.idempotencyKey())
                    .isEqualTo(Delivery.idOf(story.event(i + 1), MastodonChannel.NAME, MastodonChannel.ACCOUNT));
        }
        assertThat(mastodon.instanceReads()).as("the instance's limit is read once, not per status").isEqualTo(1);
        story.awaitCounts(3, "mastodon", "sent", 1);
    }

    @Test
    void theProducersOwnShortTextIsTheStatus() {
        IncidentStory story = IncidentStory.named("inc-md");
        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        story.publish(2, "incident.updated", "monitoring", "Aplicamos una corrección.", null,
                "Ya funciona el acceso de nuevo 🎉 seguimos atentos " + story.id());

        List<Status> thread = awaitStatuses(story.id(), 2);

        assertThat(thread.get(1).text()).isEqualTo("Ya funciona el acceso de nuevo 🎉 seguimos atentos " + story.id());
        assertThat(thread.get(1).inReplyToId()).isEqualTo(thread.get(0).id());
    }

    @Test
    void anUpdateInSeveralLanguagesIsTootedInTheAccountsLanguage() {
        IncidentStory story = IncidentStory.named("inc-mdl");
        story.publishTexts(1, "incident.opened", "investigating",
                Map.of("en", "LDAP outage " + story.id(), "es", "Caída del LDAP " + story.id()),
                Map.of("en", "Logins fail.", "es", "Fallan los inicios de sesión."));

        Status status = awaitStatuses(story.id(), 1).get(0);

        // heraldo.mastodon.lang is unset here: the default locale, es
        assertThat(status.text()).contains("Caída del LDAP " + story.id(), "Fallan los inicios de sesión.")
                .doesNotContain("LDAP outage", "Logins fail");
        assertThat(status.language()).isEqualTo("es");
    }

    @Test
    void aRateLimitWaitsForItsResetAndKeepsTheThreadInOrder() {
        IncidentStory story = IncidentStory.named("inc-md");
        Instant reset = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        mastodon.answerOnce(text -> text.contains(story.id()) && text.startsWith("Investigando"), 429,
                "{\"error\":\"Too many requests\"}", Map.of("X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "0",
                        "X-RateLimit-Reset", reset.toString()));

        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);
        story.publish(3, "incident.updated", "monitoring", "Aplicamos una corrección.", null, null);

        List<Status> thread = awaitStatuses(story.id(), 3);
        assertThat(thread).extracting(s -> s.text().substring(0, s.text().indexOf(':')))
                .containsExactly("Investigando", "Identificado", "En observación");
        assertThat(thread.get(1).inReplyToId()).isEqualTo(thread.get(0).id());
        assertThat(thread.get(2).inReplyToId()).isEqualTo(thread.get(1).id());
        // Not before the instance said the limit resets.
        assertThat(thread.get(0).acceptedAt()).isAfterOrEqualTo(reset.minusMillis(1));
    }

    @Test
    void aStatusTakenButAnsweredWithAnErrorIsNotPostedTwice() throws Exception {
        IncidentStory story = IncidentStory.named("inc-md");
        mastodon.takeThenFailOnce(text -> text.contains(story.id()) && text.startsWith("Investigando"), 502);
        mastodon.answerOnce(text -> text.contains(story.id()) && text.startsWith("Identificado"), 503,
                "{\"error\":\"Service Unavailable\"}", Map.of());

        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);
        story.publish(3, "incident.updated", "monitoring", "Aplicamos una corrección.", null, null);

        List<Status> thread = awaitStatuses(story.id(), 3);
        // The retry carried the same Idempotency-Key: the instance answered with the status it had taken.
        assertThat(thread).extracting(s -> s.text().substring(0, s.text().indexOf(':')))
                .containsExactly("Investigando", "Identificado", "En observación");
        assertThat(thread.get(1).inReplyToId()).isEqualTo(thread.get(0).id());
        assertThat(thread.get(2).inReplyToId()).isEqualTo(thread.get(1).id());
        story.awaitCounts(3, "mastodon", "sent", 1);
        String first = Delivery.idOf(story.event(1), MastodonChannel.NAME, MastodonChannel.ACCOUNT);
        assertThat(deliveries.deliveriesTo(MastodonChannel.NAME, MastodonChannel.ACCOUNT, 500)).filteredOn(d -> d.id().equals(first))
                .singleElement().satisfies(d -> assertThat(d.attemptLog()).extracting(a -> a.statusCode())
                        .containsExactly(502, 200));
        assertThat(mastodon.statusesContaining(story.id())).hasSize(3);
    }

    @Test
    void aReplyToADeletedStatusStartsTheThreadAgain() {
        IncidentStory story = IncidentStory.named("inc-md");
        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        Status opened = awaitStatuses(story.id(), 1).get(0);
        story.awaitCounts(1, "mastodon", "sent", 1);
        mastodon.delete(opened.id());

        story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);
        story.publish(3, "incident.updated", "monitoring", "Aplicamos una corrección.", null, null);

        List<Status> thread = awaitStatuses(story.id(), 2);
        assertThat(thread.get(0).text()).startsWith("Identificado");
        assertThat(thread.get(0).inReplyToId()).isNull();
        assertThat(thread.get(1).inReplyToId()).isEqualTo(thread.get(0).id());
    }

    @Test
    void aRevokedTokenPausesTheAccountAndItsStatusesGoOutOnceItWorks() {
        IncidentStory story = IncidentStory.named("inc-md");
        long refusedBefore = mastodon.refusedForRevokedToken();
        mastodon.revokeToken();
        try {
            story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
            story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);

            AccountHealthChecks.awaitPaused("Mastodon channel", "401");
            // Paused: one status probes now and then rather than every one being refused.
            await().atMost(WAIT).until(() -> mastodon.refusedForRevokedToken() >= refusedBefore + 2);
            assertThat(mastodon.statusesContaining(story.id())).isEmpty();
        } finally {
            mastodon.restoreToken();
        }

        List<Status> thread = awaitStatuses(story.id(), 2);
        assertThat(thread.get(0).text()).startsWith("Investigando");
        assertThat(thread.get(1).inReplyToId()).isEqualTo(thread.get(0).id());
        AccountHealthChecks.awaitWorking("Mastodon channel");
    }

    @Test
    void hostileTextStaysTextAndMentionsNobody() {
        IncidentStory story = IncidentStory.named("inc-md");
        String hostile = "<script>alert('x')</script> @everyone @admin@mastodon.social [pulse aquí](javascript:alert(1)) "
                + "**urgente** <a href='https://evil.example'>aquí</a>";
        story.publish(1, "incident.opened", "investigating", "<b>Caída</b> de LDAP " + story.id(), hostile, null, null);

        Status status = awaitStatuses(story.id(), 1).get(0);

        // Plain text as written (Mastodon escapes it itself), except that no @name can notify anyone.
        assertThat(status.text()).startsWith("Investigando: <b>Caída</b> de LDAP " + story.id() + "\n\n<script>alert('x')"
                + "</script> @\u2060everyone @\u2060admin@mastodon.social [pulse aquí](javascript:alert(1)) **urgente** "
                + "<a href='https://evil.example'>aquí</a>");
        assertThat(mastodon.mentions()).doesNotContain("everyone", "admin@mastodon.social");
    }

    private List<Status> awaitStatuses(String marker, int count) {
        await().atMost(WAIT).until(() -> mastodon.statusesContaining(marker).size() >= count);
        List<Status> statuses = mastodon.statusesContaining(marker);
        assertThat(statuses).hasSize(count);
        return statuses;
    }
}
