package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import static io.heraldo.audience.AudienceFixtures.awaitMail;
import static io.heraldo.audience.AudienceFixtures.client;
import static io.heraldo.audience.AudienceFixtures.confirmPath;
import static io.heraldo.audience.AudienceFixtures.mailsTo;
import static io.heraldo.audience.AudienceFixtures.part;
import static io.heraldo.audience.AudienceFixtures.subscribe;
import static io.heraldo.audience.AudienceFixtures.subscribeAndConfirm;
import static io.heraldo.audience.AudienceFixtures.suffix;
import static io.heraldo.audience.AudienceFixtures.token;
import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.HeraldoServers;
import io.heraldo.InjectGreenMail;
import io.heraldo.platform.mail.EmailConfig;
import io.heraldo.platform.mail.Postman;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/** Double opt-in through the public endpoints, the mail in GreenMail and the pages behind its links. */
@QuarkusTest
class SubscriptionFlowTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    SubscriberRepository repository;

    @Inject
    SubscriberImport subscriberImport;

    @Inject
    SubscriberLinks links;

    @Inject
    EmailConfig emailConfig;

    @Inject
    DataSource dataSource;

    private String tag;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        tag = suffix();
    }

    private String address(String name) {
        return name + "-" + tag + "@zbox.test";
    }

    private SubscriberState stateOf(String email) {
        return repository.byEmail(email).orElseThrow().state();
    }

    @Test
    void subscribingMailsAConfirmationLinkThatConfirms() throws Exception {
        String email = address("ana");
        subscribe(client(), "{\"email\": \" " + email.toUpperCase().replace("ZBOX.TEST", "ZBox.Test")
                .replace("ANA", "Ana") + " \", \"components\": [\"mta\", \"ldap\"]}")
                .then().statusCode(202).body("status", is(202));
        assertThat(repository.byEmail(email)).get().satisfies(s -> {
            assertThat(s.email()).isEqualTo("Ana-" + tag.toUpperCase() + "@zbox.test");
            assertThat(s.state()).isEqualTo(SubscriberState.PENDING);
            assertThat(s.locale()).isEqualTo("es");
            assertThat(s.components()).containsExactly("ldap", "mta");
        });

        MimeMessage mail = awaitMail(greenMail, email, 1);
        assertThat(mail.getSubject()).isEqualTo("[" + HeraldoServers.PAGE_NAME + "] Confirma tu suscripción");
        assertThat(mail.getFrom()).extracting(Address::toString).containsExactly(HeraldoServers.FROM);
        assertThat(mail.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("ayuda@zboxapp.test");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        String text = part(mail, "text/plain");
        assertThat(text).contains("http://localhost:8080/subscriptions/confirm?token=", "ldap, mta",
                "Si no lo pediste, ignora este mensaje");
        assertThat(part(mail, "text/html")).contains("Confirmar mi suscripción", "href=\"http://localhost:8080/subscriptions/confirm?token=");

        String path = confirmPath(mail);
        given().get(path).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(containsString("Suscripción confirmada"), containsString(HeraldoServers.PAGE_NAME));
        assertThat(stateOf(email)).isEqualTo(SubscriberState.CONFIRMED);
        assertThat(repository.byEmail(email).orElseThrow().confirmedAt()).isNotNull();

        // Opening the link again says the same; the page follows ?lang= over the subscriber's language.
        given().get(path + "&lang=en").then().statusCode(200).body(containsString("Subscription confirmed"));
    }

    @Test
    void theMailAndPagesSpeakTheSubscribersLanguage() throws Exception {
        String email = address("ben");
        subscribe(client(), "{\"email\": \"" + email + "\", \"locale\": \"en\"}").then().statusCode(202);
        MimeMessage mail = awaitMail(greenMail, email, 1);
        assertThat(mail.getSubject()).isEqualTo("[" + HeraldoServers.PAGE_NAME + "] Confirm your subscription");
        assertThat(part(mail, "text/plain")).contains("for every component", "If you did not ask for this");
        given().get(confirmPath(mail)).then().statusCode(200).body(containsString("Subscription confirmed"));
        given().header("Accept-Language", "es-CL,es;q=0.9").get(confirmPath(mail)).then().statusCode(200)
                .body(containsString("Suscripción confirmada"));
    }

    @Test
    void everyAddressGetsTheSameAnswerWhateverItsState() throws Exception {
        String fresh = address("fresh");
        String known = address("known");

        String answerForNew = subscribe(known).then().statusCode(202).extract().asString();
        String answerForPending = subscribe(known).then().statusCode(202).extract().asString();
        assertThat(awaitMail(greenMail, known, 2)).as("a pending address gets a new confirmation mail").isNotNull();
        given().get(confirmPath(mailsTo(greenMail, known).get(1))).then().statusCode(200);
        String answerForConfirmed = subscribe(known).then().statusCode(202).extract().asString();
        String answerForUnknown = subscribe(fresh).then().statusCode(202).extract().asString();

        assertThat(List.of(answerForPending, answerForConfirmed, answerForUnknown)).containsOnly(answerForNew);
        awaitMail(greenMail, fresh, 1);
        assertThat(mailsTo(greenMail, known)).as("a confirmed address gets no mail").hasSize(2);
        assertThat(stateOf(known)).isEqualTo(SubscriberState.CONFIRMED);
    }

    @Test
    void aNewConfirmationMailVoidsTheLinkOfTheOlderOne() {
        String email = address("twice");
        subscribe(email).then().statusCode(202);
        subscribe(email).then().statusCode(202);
        String older = confirmPath(awaitMail(greenMail, email, 1));
        String newer = confirmPath(awaitMail(greenMail, email, 2));

        assertThat(newer).isNotEqualTo(older);
        given().get(older).then().statusCode(400).body(containsString("Este enlace no es válido"));
        assertThat(stateOf(email)).isEqualTo(SubscriberState.PENDING);
        given().get(newer).then().statusCode(200);
        assertThat(stateOf(email)).isEqualTo(SubscriberState.CONFIRMED);
    }

    @Test
    void invalidInputIsRefusedNamingTheField() {
        String client = client();
        subscribe(client, "{\"email\": \"not-an-address\"}").then().statusCode(400)
                .body("status", is(400)).body("error", is("email: must contain exactly one @"));
        subscribe(client, "{\"locale\": \"es\"}").then().statusCode(400).body("error", is("email: is required"));
        subscribe(client, "{\"email\": \"" + address("x") + "\", \"locale\": \"de\"}").then().statusCode(400)
                .body("error", is("locale: 'de' is not one of es, en, pt"));
        subscribe(client, "{\"email\": \"" + address("x") + "\", \"components\": [\"ok\", \"not ok\"]}").then()
                .statusCode(400).body("error", containsString("components: 'not ok' is not a component id"));
        subscribe(client, "{\"email\": ").then().statusCode(400).body("error", is("body: is not valid JSON"));
        assertThat(repository.byEmail(address("x"))).isEmpty();
    }

    @Test
    void aClientIsLimitedToTenRequestsInTenMinutes() {
        String client = client();
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            subscribe(client, "{\"email\": \"" + address("c" + i) + "\"}").then().statusCode(202);
        }
        var refused = subscribe(client, "{\"email\": \"" + address("c10") + "\"}").then().statusCode(429)
                .body("status", is(429)).extract();
        // Until the first request leaves the window: 600 s less the time the requests took (a busy machine: > 1 s).
        long elapsed = (System.nanoTime() - start + 999_999_999) / 1_000_000_000;
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween((int) (600 - elapsed), 600);
        assertThat(refused.path("error").toString()).contains("try again in " + retryAfter + " seconds");
        assertThat(repository.byEmail(address("c10"))).isEmpty();
        subscribe(client(), "{\"email\": \"" + address("c10") + "\"}").then().statusCode(202);
    }

    @Test
    void anAddressIsLimitedToThreeRequestsAnHour() {
        String email = address("flooded");
        for (int i = 0; i < 3; i++) {
            subscribe(email).then().statusCode(202);
        }
        subscribe(email).then().statusCode(429).header("Retry-After", is("3600"));
        // Whatever its case: the limit is on the address.
        subscribe(email.toUpperCase()).then().statusCode(429);
        awaitMail(greenMail, email, 3);
        assertThat(mailsTo(greenMail, email)).hasSize(3);
    }

    @Test
    void theUnsubscribeLinkShowsAButtonAndOneClickUnsubscribes() {
        String email = address("leaving");
        subscribeAndConfirm(greenMail, email);
        Subscriber subscriber = repository.byEmail(email).orElseThrow();
        String link = links.unsubscribe(subscriber.id());
        assertThat(link).startsWith("http://localhost:8080/subscriptions/unsubscribe?token=");
        String path = link.substring("http://localhost:8080".length());

        given().get(path).then().statusCode(200)
                .body(containsString("<form method=\"post\" action=\"/subscriptions/unsubscribe?token=" + token(path)
                        + "&amp;lang=es\">"))
                .body(containsString(email), containsString("Darme de baja"), not(containsString("<script")));
        assertThat(stateOf(email)).as("showing the page changes nothing").isEqualTo(SubscriberState.CONFIRMED);

        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .post(path).then().statusCode(200).body(containsString("Te diste de baja"));
        assertThat(stateOf(email)).isEqualTo(SubscriberState.UNSUBSCRIBED);
        // Again, and with no body at all: still done.
        given().post(path + "&lang=en").then().statusCode(200).body(containsString("You are unsubscribed"));
        assertThat(repository.confirmedFollowing(List.of(), null, Integer.MAX_VALUE))
                .extracting(Subscriber::email).doesNotContain(email);
    }

    @Test
    void pagesEscapeWhatTheSubscriberTyped() {
        String email = "o'neil&co{x}-" + tag + "@zbox.test";
        subscriberImport.importConfirmed(List.of(new SubscriberCsv.Row(2, email, "en", List.of())));
        String path = links.unsubscribe(repository.byEmail(email).orElseThrow().id()).substring(21);

        given().get(path).then().statusCode(200)
                .body(containsString("o&#39;neil&amp;co{x}-" + tag), not(containsString(email)));
        given().post(path).then().statusCode(200)
                .body(containsString("o&#39;neil&amp;co{x}-" + tag), not(containsString(email)));
    }

    @Test
    void aWrongOrMisusedTokenGetsAnInvalidLinkPage() {
        String email = address("tokens");
        String confirmPath = subscribeAndConfirm(greenMail, email);
        String confirmToken = token(confirmPath);

        given().get("/subscriptions/unsubscribe?token=" + confirmToken).then().statusCode(400)
                .body(containsString("Este enlace no es válido"));
        given().post("/subscriptions/unsubscribe?token=" + confirmToken).then().statusCode(400);
        given().post("/subscriptions/unsubscribe?token=garbage&lang=en").then().statusCode(400)
                .body(containsString("This link is not valid"));
        given().post("/subscriptions/unsubscribe").then().statusCode(400);
        given().get("/subscriptions/confirm").then().statusCode(400);
        String unsubscribeToken = token(links.unsubscribe(repository.byEmail(email).orElseThrow().id()));
        given().get("/subscriptions/confirm?token=" + unsubscribeToken).then().statusCode(400);
        assertThat(stateOf(email)).isEqualTo(SubscriberState.CONFIRMED);
    }

    @Test
    void subscribingAgainAfterUnsubscribingStartsANewOptIn() {
        String email = address("back");
        String firstLink = subscribeAndConfirm(greenMail, email);
        given().post(links.unsubscribe(repository.byEmail(email).orElseThrow().id()).substring(21)).then()
                .statusCode(200);
        assertThat(stateOf(email)).isEqualTo(SubscriberState.UNSUBSCRIBED);
        // An old link does not undo an unsubscribe.
        given().get(firstLink).then().statusCode(400);

        subscribe(email).then().statusCode(202);
        String secondLink = confirmPath(awaitMail(greenMail, email, 2));

        assertThat(stateOf(email)).isEqualTo(SubscriberState.PENDING);
        assertThat(secondLink).isNotEqualTo(firstLink);
        given().get(firstLink).then().statusCode(400);
        assertThat(stateOf(email)).isEqualTo(SubscriberState.PENDING);
        given().get(secondLink).then().statusCode(200);
        assertThat(stateOf(email)).isEqualTo(SubscriberState.CONFIRMED);
    }

    @Test
    void whenSmtpIsDownTheAnswerIsTheSameAndTheMailGoesOnceItIsBack() throws Exception {
        String email = address("smtp-down");
        String answerBefore = subscribe(address("smtp-up")).then().statusCode(202).extract().asString();
        greenMail.stop();
        try {
            subscribe(email).then().statusCode(202).body(is(answerBefore));
            assertThat(stateOf(email)).isEqualTo(SubscriberState.PENDING);
            // The sender met the outage: the mail stays queued with the reason, for a later attempt.
            await().atMost(AudienceFixtures.WAIT).until(() -> queued(email).contains("error=true"));
        } finally {
            greenMail.start();
        }
        MimeMessage mail = awaitMail(greenMail, email, 1);
        assertThat(mail.getSubject()).isEqualTo("[" + HeraldoServers.PAGE_NAME + "] Confirma tu suscripción");
        await().atMost(AudienceFixtures.WAIT).until(() -> queued(email).isEmpty());
        given().get(confirmPath(mail)).then().statusCode(200);
        assertThat(stateOf(email)).isEqualTo(SubscriberState.CONFIRMED);
    }

    @Test
    void aConfirmationLeftBehindByADeadReplicaIsSentWhenItsLeaseEnds() throws Exception {
        String email = address("orphan");
        // As a replica leaves it that took the mail and died before sending it: attempted, lease over.
        subscriberImport.importConfirmed(List.of(new SubscriberCsv.Row(2, email, "en", List.of())));
        Subscriber subscriber = repository.byEmail(email).orElseThrow();
        try (Connection c = dataSource.getConnection();
                PreparedStatement pending = c.prepareStatement(
                        "update subscriber set state = 'pending', confirm_nonce = 'orphan-nonce' where id = ?");
                PreparedStatement queued = c.prepareStatement("""
                        insert into confirmation_mail (subscriber_id, confirm_nonce, attempts, next_attempt_at, created_at)
                        values (?, 'orphan-nonce', 1, now() - interval '1 second', now() - interval '5 minutes')""")) {
            pending.setObject(1, subscriber.id());
            pending.executeUpdate();
            queued.setObject(1, subscriber.id());
            queued.executeUpdate();
        }

        MimeMessage mail = awaitMail(greenMail, email, 1);
        assertThat(mail.getSubject()).isEqualTo("[" + HeraldoServers.PAGE_NAME + "] Confirm your subscription");
        assertThat(confirmPath(mail)).contains(token(links.confirm(subscriber.id(), "orphan-nonce")));
        await().atMost(AudienceFixtures.WAIT).until(() -> queued(email).isEmpty());
        given().get(confirmPath(mail)).then().statusCode(200);
        assertThat(stateOf(email)).isEqualTo(SubscriberState.CONFIRMED);
    }

    /** The queued confirmation mails of an address, as {@code attempts=N error=true|false} lines. */
    private String queued(String email) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select q.attempts, q.last_error is not null from confirmation_mail q
                join subscriber s on s.id = q.subscriber_id where lower(s.email) = lower(?)""")) {
            ps.setString(1, email);
            StringBuilder rows = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.append("attempts=").append(rs.getInt(1)).append(" error=").append(rs.getBoolean(2)).append('\n');
                }
            }
            return rows.toString();
        }
    }

    @Test
    void withEmailDisabledSubscriptionsAnswer503() {
        QuarkusMock.installMockForType(new Postman(emailConfig) {
            @Override
            public boolean enabled() {
                return false;
            }
        }, Postman.class);
        String email = address("no-mail");

        subscribe(email).then().statusCode(503).body("error", containsString("heraldo.email.enabled is false"));

        assertThat(repository.byEmail(email)).isEmpty();
    }
}
