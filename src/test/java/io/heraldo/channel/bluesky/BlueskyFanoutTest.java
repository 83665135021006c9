package io.heraldo.channel.bluesky;

import static io.heraldo.channel.social.IncidentStory.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.heraldo.HeraldoServers;
import io.heraldo.channel.bluesky.LocalBluesky.Post;
import io.heraldo.channel.social.AccountHealthChecks;
import io.heraldo.channel.social.IncidentStory;
import io.heraldo.channel.social.TextFit;
import io.quarkus.test.junit.QuarkusTest;

/**
 * From a Kafka event to a Bluesky PDS (a local stand-in that checks sessions, records, facets and replies as the PDS
 * and the app view would): an outage becomes one thread of posts under the first, each linking the incident at the
 * right UTF-8 bytes; the session is refreshed when it runs out rather than opened again; a rate limit or a lost answer
 * keeps the thread in order and posts nothing twice; a revoked app password pauses the account without losing a
 * post; hostile text stays text. Other tests post too, so each test looks only at posts carrying its own incident id.
 */
@QuarkusTest
class BlueskyFanoutTest {

    private static final String LONG_BODY = "Cerca del 70% de los usuarios no puede iniciar sesión en el webmail ni en "
            + "los clientes IMAP porque el servicio de directorio LDAP dejó de responder después de la actualización "
            + "programada; estamos revirtiendo el cambio y reiniciando los nodos del clúster uno por uno.";

    @InjectLocalBluesky
    LocalBluesky bluesky;

    @AfterEach
    void everyRecordHadTheShapeBlueskyTakes() {
        assertThat(bluesky.malformed()).isEmpty();
    }

    @Test
    void anIncidentsStoryIsOneThreadOfPostsUnderTheFirst() {
        IncidentStory story = IncidentStory.named("inc-bs");
        story.publish(1, "incident.opened", "investigating", LONG_BODY, null, null);
        story.publish(2, "incident.updated", "identified", "Encontramos la causa: un índice dañado.", null, null);
        story.publish(3, "incident.resolved", "resolved", "Service restored for every user.", "en", null);

        List<Post> thread = awaitPosts(story.id(), 3);

        assertThat(thread.get(0).record().has("reply")).isFalse();
        assertThat(thread.get(1).rootUri()).isEqualTo(thread.get(0).uri());
        assertThat(thread.get(1).parentUri()).isEqualTo(thread.get(0).uri());
        assertThat(thread.get(2).rootUri()).isEqualTo(thread.get(0).uri());
        assertThat(thread.get(2).parentUri()).isEqualTo(thread.get(1).uri());
        assertThat(thread.get(0).text()).startsWith("Investigando: Caída de LDAP " + story.id() + "\n\nCerca del 70%")
                .contains("…\n\n");
        assertThat(TextFit.graphemes(thread.get(0).text())).isBetween(280, 300);
        assertThat(thread.get(2).text()).startsWith("Resuelto: ").contains("Service restored");
        String link = "http://localhost:8080/incidents/" + story.id();
        for (Post post : thread) {
            assertThat(post.text()).endsWith("\n\n" + link);
            assertThat(post.links()).containsExactly(Map.entry(link, link));
            assertThat(post.record().path("langs")).hasSize(1).first().satisfies(l -> assertThat(l.asText()).isEqualTo("es"));
            assertThat(OffsetDateTime.parse(post.record().path("createdAt").asText()).toInstant())
                    .isBetween(post.acceptedAt().minusSeconds(60), post.acceptedAt());
        }
        // The accented title moves the link: its facet starts at a byte offset past its character offset.
        Post first = thread.get(0);
        int byteStart = first.record().path("facets").path(0).path("index").path("byteStart").asInt();
        int charStart = first.text().lastIndexOf(link);
        assertThat(byteStart).isEqualTo(first.text().substring(0, charStart).getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThan(charStart);
        story.awaitCounts(3, "bluesky", "sent", 1);
        story.awaitCounts(3, "mastodon", "sent", 1);
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).get("/admin/v1/notifications/" + story.event(3)).then()
                .statusCode(200).body("mastodon.sent", is(1)).body("bluesky.failed", is(0))
                .body("bluesky.pending", is(0));
    }

    @Test
    void anExpiredSessionIsRefreshedNotOpenedAgain() {
        IncidentStory story = IncidentStory.named("inc-bs");
        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        awaitPosts(story.id(), 1);
        int created = bluesky.sessionsCreated();
        int refreshed = bluesky.sessionsRefreshed();
        bluesky.expireAccessTokens();

        story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);
        story.publish(3, "incident.updated", "monitoring", "Aplicamos una corrección.", null, null);

        List<Post> thread = awaitPosts(story.id(), 3);
        assertThat(thread.get(2).parentUri()).isEqualTo(thread.get(1).uri());
        assertThat(bluesky.sessionsRefreshed()).isEqualTo(refreshed + 1);
        assertThat(bluesky.sessionsCreated()).as("the session is refreshed, not opened again").isEqualTo(created);
    }

    @Test
    void aRateLimitWaitsForItsResetAndKeepsTheThreadInOrder() {
        IncidentStory story = IncidentStory.named("inc-bs");
        long reset = Instant.now().getEpochSecond() + 3;
        bluesky.answerOnce(text -> text.contains(story.id()) && text.startsWith("Investigando"), 429,
                "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}",
                Map.of("RateLimit-Limit", "5000", "RateLimit-Remaining", "0", "RateLimit-Reset", Long.toString(reset),
                        "RateLimit-Policy", "5000;w=3600"));

        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);
        story.publish(3, "incident.updated", "monitoring", "Aplicamos una corrección.", null, null);

        List<Post> thread = awaitPosts(story.id(), 3);
        assertThat(thread).extracting(p -> p.text().substring(0, p.text().indexOf(':')))
                .containsExactly("Investigando", "Identificado", "En observación");
        assertThat(thread.get(1).parentUri()).isEqualTo(thread.get(0).uri());
        assertThat(thread.get(2).parentUri()).isEqualTo(thread.get(1).uri());
        assertThat(thread.get(0).acceptedAt()).isAfterOrEqualTo(Instant.ofEpochSecond(reset).minusMillis(1));
    }

    @Test
    void aPostTakenButAnsweredWithAnErrorIsFoundNotPostedTwice() {
        IncidentStory story = IncidentStory.named("inc-bs");
        bluesky.takeThenFailOnce(text -> text.contains(story.id()) && text.startsWith("Investigando"), 500);

        story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
        story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);

        List<Post> thread = awaitPosts(story.id(), 2);
        assertThat(thread).extracting(p -> p.text().substring(0, p.text().indexOf(':')))
                .containsExactly("Investigando", "Identificado");
        assertThat(thread.get(1).parentUri()).isEqualTo(thread.get(0).uri());
        story.awaitCounts(2, "bluesky", "sent", 1);
        assertThat(bluesky.postsContaining(story.id())).hasSize(2);
    }

    @Test
    void aRevokedAppPasswordPausesTheAccountAndItsPostsGoOutOnceItWorks() {
        IncidentStory story = IncidentStory.named("inc-bs");
        int refusedBefore = bluesky.refusedPasswords();
        bluesky.revokeAppPassword();
        try {
            story.publish(1, "incident.opened", "investigating", "Lo estamos revisando.", null, null);
            story.publish(2, "incident.updated", "identified", "Encontramos la causa.", null, null);

            AccountHealthChecks.awaitPaused("Bluesky channel", "401");
            await().atMost(WAIT).until(() -> bluesky.refusedPasswords() >= refusedBefore + 2);
            assertThat(bluesky.postsContaining(story.id())).isEmpty();
        } finally {
            bluesky.restoreAppPassword();
        }

        List<Post> thread = awaitPosts(story.id(), 2);
        assertThat(thread.get(0).text()).startsWith("Investigando");
        assertThat(thread.get(1).parentUri()).isEqualTo(thread.get(0).uri());
        AccountHealthChecks.awaitWorking("Bluesky channel");
    }

    @Test
    void hostileTextStaysTextAndOnlyVisibleLinksAreLinks() {
        IncidentStory story = IncidentStory.named("inc-bs");
        String hostile = "<script>alert('x')</script> @everyone [pulse aquí](javascript:alert(1)) "
                + "<a href='https://evil.example'>aquí</a> [guía](https://docs.zboxapp.com/ldap).";
        story.publish(1, "incident.opened", "investigating", "<b>Caída</b> de LDAP " + story.id(), hostile, null, null);

        Post post = awaitPosts(story.id(), 1).get(0);

        assertThat(post.text()).isEqualTo("Investigando: <b>Caída</b> de LDAP " + story.id() + "\n\n" + hostile
                + "\n\nhttp://localhost:8080/incidents/" + story.id());
        // A link only where the text shows its very address; nothing mentions anyone (no mention facet at all).
        assertThat(post.links()).containsExactly(
                Map.entry("https://docs.zboxapp.com/ldap", "https://docs.zboxapp.com/ldap"),
                Map.entry("http://localhost:8080/incidents/" + story.id(), "http://localhost:8080/incidents/" + story.id()));
    }

    private List<Post> awaitPosts(String marker, int count) {
        await().atMost(WAIT).until(() -> bluesky.postsContaining(marker).size() >= count);
        List<Post> posts = bluesky.postsContaining(marker);
        assertThat(posts).hasSize(count);
        return posts;
    }
}
