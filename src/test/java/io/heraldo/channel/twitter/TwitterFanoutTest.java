package io.heraldo.channel.twitter;

import static io.heraldo.channel.social.IncidentStory.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.heraldo.TestKafka;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.social.AccountHealthChecks;
import io.heraldo.channel.social.IncidentStory;
import io.heraldo.fanout.DeliveryLog;
import io.heraldo.channel.twitter.LocalTwitter.Tweet;
import io.quarkus.test.junit.QuarkusTest;

/**
 * From a Kafka event to X's API (a local stand-in that verifies every OAuth signature): an outage becomes one thread,
 * a rate limit or a refused duplicate does not break it, refused credentials pause the channel without losing tweets.
 * Other tests tweet too, so each test looks only at tweets carrying its own incident id.
 */
@QuarkusTest
class TwitterFanoutTest {

    private static final String LONG_BODY = "Cerca del 70% de los usuarios no puede iniciar sesión en el webmail ni en "
            + "los clientes IMAP porque el servicio de directorio LDAP dejó de responder después de la actualización "
            + "programada; estamos revirtiendo el cambio y reiniciando los nodos del clúster uno por uno para no perder "
            + "configuraciones. Publicaremos una nueva actualización en 30 minutos.";

    @InjectLocalTwitter
    LocalTwitter twitter;

    @Inject
    DeliveryLog deliveries;

    @Test
    void anIncidentsStoryBecomesOneThreadOfFittedTweetsWithTheLink() {
        IncidentStory story = IncidentStory.named("inc-tw");
        String incident = story.id();
        story.publish(1, "incident.opened", "investigating", LONG_BODY, null, null);
        story.publish(2, "incident.updated", "identified", "Encontramos la causa: un índice dañado.", null, null);
        story.publish(3, "incident.resolved", "resolved", "Service restored for every user.", "en", null);

        List<Tweet> thread = awaitTweets(incident, 3);

        assertThat(thread.get(0).replyTo()).isNull();
        assertThat(thread.get(1).replyTo()).isEqualTo(thread.get(0).id());
        assertThat(thread.get(2).replyTo()).isEqualTo(thread.get(1).id());
        assertThat(thread.get(0).text()).startsWith("Investigando: Caída de LDAP " + incident + "\n\nCerca del 70%")
                .contains("…");
        assertThat(thread.get(1).text()).startsWith("Identificado: ").contains("Encontramos la causa");
        assertThat(thread.get(2).text()).startsWith("Resolved: ").contains("Service restored");
        for (Tweet tweet : thread) {
            assertThat(tweet.text()).endsWith("\n\nhttp://localhost:8080/incidents/" + incident);
            assertThat(TweetComposer.weight(tweet.text())).isLessThanOrEqualTo(280);
        }
        assertThat(twitter.badSignatures()).isZero();
        story.awaitCounts(3, "twitter", "sent", 1);
    }

    @Test
    void theProducersOwnTweetReplacesTheComposedText() {
        IncidentStory story = IncidentStory.named("inc-tw");
        String incident = story.id();
        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        story.publish(2, "incident.updated", "monitoring", "Aplicamos una corrección.", null,
                "Ya funciona el acceso de nuevo 🎉 seguimos atentos " + incident);

        List<Tweet> thread = awaitTweets(incident, 2);

        assertThat(thread.get(1).text()).isEqualTo("Ya funciona el acceso de nuevo 🎉 seguimos atentos " + incident);
        assertThat(thread.get(1).replyTo()).isEqualTo(thread.get(0).id());
    }

    @Test
    void anUpdateInSeveralLanguagesIsTweetedInTheDefaultLocaleWhenTheAccountNamesNone() {
        IncidentStory story = IncidentStory.named("inc-twl");
        story.publishTexts(1, "incident.opened", "investigating",
                Map.of("en", "LDAP outage " + story.id(), "es", "Caída del LDAP " + story.id()),
                Map.of("en", "Logins fail.", "es", "Fallan los inicios de sesión."));

        Tweet tweet = awaitTweets(story.id(), 1).get(0);

        assertThat(tweet.text()).contains("Investigando", "Caída del LDAP " + story.id(), "Fallan los inicios")
                .doesNotContain("LDAP outage", "Logins fail");
    }

    @Test
    void aRateLimitWaitsForItsResetAndKeepsTheThreadInOrder() {
        IncidentStory story = IncidentStory.named("inc-tw");
        String incident = story.id();
        long reset = Instant.now().getEpochSecond() + 3;
        twitter.answerOnce(text -> text.contains(incident) && text.startsWith("Investigando"), 429,
                "{\"title\":\"Too Many Requests\",\"status\":429}", Map.of("x-rate-limit-reset", Long.toString(reset)));

        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);
        story.publish(3, "incident.updated", "monitoring", "Aplicamos una corrección.", null, null);

        List<Tweet> thread = awaitTweets(incident, 3);

        assertThat(thread).extracting(t -> t.text().substring(0, t.text().indexOf(':')))
                .containsExactly("Investigando", "Identificado", "En observación");
        assertThat(thread.get(1).replyTo()).isEqualTo(thread.get(0).id());
        assertThat(thread.get(2).replyTo()).isEqualTo(thread.get(1).id());
        // Not before X said the limit resets.
        assertThat(thread.get(0).acceptedAt()).isAfterOrEqualTo(Instant.ofEpochSecond(reset).minusMillis(1));
    }

    @Test
    void aDuplicateIsRecordedFailedAndTheNextUpdateStillThreads() {
        IncidentStory story = IncidentStory.named("inc-tw");
        String incident = story.id();
        twitter.answerOnce(text -> text.contains(incident) && text.startsWith("Identificado"), 403,
                "{\"detail\":\"You are not allowed to create a Tweet with duplicate content.\",\"type\":\"about:blank\","
                        + "\"title\":\"Forbidden\",\"status\":403}", Map.of());

        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);
        story.publish(3, "incident.updated", "monitoring", "Aplicamos una corrección.", null, null);

        List<Tweet> thread = awaitTweets(incident, 2);

        assertThat(thread.get(1).text()).startsWith("En observación");
        assertThat(thread.get(1).replyTo()).isEqualTo(thread.get(0).id());
        story.awaitCounts(2, "twitter", "failed", 1);
        story.awaitCounts(3, "twitter", "sent", 1);
    }

    @Test
    void refusedCredentialsPauseTheChannelAndItsTweetsGoOutOnceTheyWork() {
        IncidentStory story = IncidentStory.named("inc-tw");
        String incident = story.id();
        int refusedBefore = twitter.refusedForRevokedCredentials();
        twitter.revokeCredentials();
        try {
            story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
            story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);

            AccountHealthChecks.awaitPaused("Twitter channel", "401");
            // Paused: it probes now and then rather than sending every delivery to be refused.
            await().atMost(WAIT).until(() -> twitter.refusedForRevokedCredentials() >= refusedBefore + 2);
            assertThat(twitter.tweetsContaining(incident)).isEmpty();
        } finally {
            twitter.restoreCredentials();
        }

        List<Tweet> thread = awaitTweets(incident, 2);
        assertThat(thread.get(1).replyTo()).isEqualTo(thread.get(0).id());
        AccountHealthChecks.awaitWorking("Twitter channel");
    }

    @Test
    void maintenanceThreadsAndANoticeIsATweetOfItsOwn() {
        String maintenance = "mnt-tw-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2);
        TestKafka.publishStructured(maintenance, """
                {"specversion": "1.0", "id": "%s-1", "source": "/test", "type": "maintenance.scheduled",
                 "data": {"maintenance": {"id": "%s", "title": "Segundo LDAP %s", "status": "scheduled",
                          "scheduledFor": "%s", "scheduledUntil": "%s", "components": []},
                          "update": {"body": "No esperamos interrupciones."}}}"""
                .formatted(maintenance, maintenance, maintenance, start, start.plusHours(1)));
        TestKafka.publishStructured(maintenance, """
                {"specversion": "1.0", "id": "%s-2", "source": "/test", "type": "maintenance.cancelled",
                 "data": {"maintenance": {"id": "%s", "status": "cancelled"}, "update": {"body": "Lo movemos."}}}"""
                .formatted(maintenance, maintenance));
        String notice = "ntc-tw-" + UUID.randomUUID().toString().substring(0, 8);
        TestKafka.publishStructured(notice, """
                {"specversion": "1.0", "id": "%s-1", "source": "/test", "type": "notice.published",
                 "data": {"notice": {"id": "%s", "title": "Nueva dirección de soporte %s", "body": "Escríbannos a ayuda@."}}}"""
                .formatted(notice, notice, notice));

        List<Tweet> thread = awaitTweets(maintenance, 2);
        assertThat(thread.get(0).replyTo()).isNull();
        assertThat(thread.get(0).text()).startsWith("Mantenimiento programado: Segundo LDAP")
                .endsWith("/incidents/" + maintenance);
        assertThat(thread.get(1).text()).startsWith("Mantenimiento cancelado: ");
        assertThat(thread.get(1).replyTo()).isEqualTo(thread.get(0).id());
        Tweet announced = awaitTweets(notice, 1).get(0);
        assertThat(announced.replyTo()).isNull();
        assertThat(announced.text()).startsWith("Nueva dirección de soporte").endsWith("http://localhost:8080/");
    }

    @Test
    void aTweetSentAgainIsNotPostedTwiceAndTheThreadGoesOnFromTheStoredTweets() throws Exception {
        IncidentStory story = IncidentStory.named("inc-tw");
        String incident = story.id();
        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        Tweet opened = awaitTweets(incident, 1).get(0);
        String openedDelivery = Delivery.idOf(story.event(1), TwitterChannel.NAME, TwitterChannel.ACCOUNT);
        story.awaitCounts(1, "twitter", "sent", 1);

        // As after a crash between posting and recording: the delivery is sent again.
        assertThat(deliveries.replay(TwitterChannel.NAME, openedDelivery)).isTrue();
        await().atMost(WAIT).until(() -> deliveries.deliveriesTo(TwitterChannel.NAME, TwitterChannel.ACCOUNT, 500).stream()
                .anyMatch(d -> d.id().equals(openedDelivery) && d.attempts() == 2 && d.state().equals("sent")));
        story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);

        List<Tweet> thread = awaitTweets(incident, 2);
        assertThat(thread.get(0)).isEqualTo(opened);
        assertThat(thread.get(1).replyTo()).isEqualTo(opened.id());
    }

    private List<Tweet> awaitTweets(String marker, int count) {
        await().atMost(WAIT).until(() -> twitter.tweetsContaining(marker).size() >= count);
        List<Tweet> tweets = twitter.tweetsContaining(marker);
        assertThat(tweets).hasSize(count);
        return tweets;
    }
}
