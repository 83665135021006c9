package io.heraldo.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.HeraldoServers;
import io.heraldo.InjectGreenMail;
import io.heraldo.ManagementPort;
import io.heraldo.StatusTables;
import io.heraldo.TestKafka;
import io.heraldo.audience.AudienceFixtures;
import io.heraldo.audience.SubscriberRepository;
import io.heraldo.audience.SubscriberState;
import io.heraldo.audience.SubscriberTokens;
import io.heraldo.site.PageSnapshots;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The support mailbox end to end: mail handed to GreenMail over SMTP, read by Heraldo over IMAP, replies and
 * confirmation mails back through GreenMail, subscribers in PostgreSQL. Every test writes from addresses of its own.
 */
@QuarkusTest
class SupportMailboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OWN = HeraldoServers.INBOX_ADDRESS;
    /** GreenMail takes no null return path, so reports come from the daemon's address. */
    private static final String DAEMON = "MAILER-DAEMON@mx.example.test";

    @InjectGreenMail
    GreenMail greenMail;

    @Inject
    PageSnapshots snapshots;

    @Inject
    SubscriberRepository subscribers;

    @Inject
    InboxReader reader;

    @Inject
    InboxConfig config;

    @Inject
    SupportDesk desk;

    @Inject
    DataSource dataSource;

    @Inject
    SubscriberTokens tokens;

    private String tag;
    private String incidentTitle;
    private String latestUpdate;

    @BeforeEach
    void anOpenIncident() {
        tag = AudienceFixtures.suffix();
        // A test of an SMTP outage restarts GreenMail, which forgets its users: the mailbox comes back empty.
        if (greenMail.getUserManager().getUserByEmail(HeraldoServers.INBOX_ADDRESS) == null) {
            greenMail.setUser(HeraldoServers.INBOX_ADDRESS, HeraldoServers.INBOX_ADDRESS, HeraldoServers.INBOX_PASSWORD);
        }
        if (!reader.running()) {
            reader.start();
        }
        if (snapshots.current().unresolvedIncidents().stream().anyMatch(i -> i.id().startsWith("inc-inbox-"))) {
            var open = snapshots.current().unresolvedIncidents().stream().filter(i -> i.id().startsWith("inc-inbox-"))
                    .findFirst().orElseThrow();
            incidentTitle = open.name();
            latestUpdate = open.incidentUpdates().get(0).body();
            return;
        }
        String id = "inc-inbox-" + tag;
        incidentTitle = "Correo lento " + tag;
        latestUpdate = "Investigamos la lentitud <b>del correo</b> & los envíos " + tag;
        TestKafka.publishStructured(id, """
                {"specversion": "1.0", "id": "evt-%1$s", "source": "/test/inbox", "type": "incident.opened",
                 "subject": "%1$s", "time": "2026-11-24T12:00:00-03:00", "datacontenttype": "application/json",
                 "data": {"incident": {"id": "%1$s", "title": "%2$s", "status": "investigating", "impact": "major",
                                       "components": {}},
                          "update": {"body": "%3$s"}}}""".formatted(id, incidentTitle, latestUpdate));
        await().atMost(WAIT).until(() -> snapshots.current().unresolvedIncidents().stream()
                .anyMatch(i -> i.id().equals(id)));
    }

    private String address(String who) {
        return who + "-" + tag + "@sender.example.test";
    }

    private void send(String envelopeFrom, String raw) {
        RawMail.send(greenMail.getSmtp().getPort(), envelopeFrom, raw);
    }

    private void awaitIn(String folder, String messageId) {
        await().atMost(WAIT).until(() -> SupportMailbox.count(greenMail, folder, messageId) == 1);
    }

    private List<MimeMessage> mailsTo(String address) {
        return AudienceFixtures.mailsTo(greenMail, address);
    }

    /** Mail to this address whose subject holds these words. */
    private List<MimeMessage> mailsTo(String address, String words) {
        return mailsTo(address).stream().filter(m -> subject(m).contains(words)).toList();
    }

    // --- status replies -----------------------------------------------------------------------------------------

    @Test
    void aQuestionDuringAnIncidentGetsOneStatusReply() throws Exception {
        String sender = address("ana");
        String id = RawMail.messageId();
        String earlier = RawMail.messageId();
        send(sender, RawMail.question("Ana <" + sender + ">", id, "Re: ¿Está caído el correo?", "No me llegan correos.",
                "References: " + earlier, "Content-Language: en-US"));

        MimeMessage reply = AudienceFixtures.awaitMail(greenMail, sender, 1);
        awaitIn(SupportMailbox.PROCESSED, id);

        assertThat(reply.getFrom()).containsExactly(new InternetAddress(HeraldoServers.FROM));
        assertThat(reply.getAllRecipients()).containsExactly(new InternetAddress(sender));
        assertThat(reply.getSubject()).isEqualTo("[ZBox Mail] Current status of our services");
        assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(id);
        assertThat(reply.getHeader("References", null).replaceAll("\\s+", " ")).isEqualTo(earlier + " " + id);
        assertThat(reply.getHeader("Content-Language", null)).isEqualTo("en");
        String text = part(reply, "text/plain");
        assertThat(text).contains(incidentTitle, latestUpdate, "Open incidents", "Latest update", "Investigating",
                "http://localhost:8080/");
        String html = part(reply, "text/html");
        assertThat(html).contains(incidentTitle).contains("<b>del correo</b>".replace("<", "&lt;").replace(">", "&gt;"))
                .doesNotContain("<b>del correo</b>");
        assertThat(SupportMailbox.seen(greenMail, SupportMailbox.PROCESSED, id)).isTrue();
        assertThat(SupportMailbox.count(greenMail, SupportMailbox.INBOX, id)).isZero();

        // A second question within the reply interval is kept, and not answered.
        String second = RawMail.messageId();
        send(sender, RawMail.question(sender, second, "Otra pregunta", "¿Y ahora?"));
        awaitIn(SupportMailbox.PROCESSED, second);
        assertThat(mailsTo(sender)).hasSize(1);
    }

    @Test
    void aReplyIsInTheSendersLanguageSpanishByDefault() throws Exception {
        String spanish = address("sin-idioma");
        String english = address("accept-en");
        send(spanish, RawMail.question(spanish, RawMail.messageId(), "Consulta", "Hola"));
        send(english, RawMail.question(english, RawMail.messageId(), "Question", "Hi", "Accept-Language: en-GB, es;q=0.4"));

        MimeMessage es = AudienceFixtures.awaitMail(greenMail, spanish, 1);
        MimeMessage en = AudienceFixtures.awaitMail(greenMail, english, 1);
        assertThat(es.getSubject()).isEqualTo("[ZBox Mail] Estado actual de nuestros servicios");
        assertThat(part(es, "text/plain")).contains("Incidentes abiertos", "Última actualización", incidentTitle);
        assertThat(en.getSubject()).isEqualTo("[ZBox Mail] Current status of our services");
    }

    @Test
    void aReplyGivesAnIncidentWrittenInSeveralLanguagesInTheSendersOne() throws Exception {
        String id = "inc-texts-" + tag;
        TestKafka.publishStructured(id, """
                {"specversion": "1.0", "id": "evt-%1$s", "source": "/test/inbox", "type": "incident.opened",
                 "data": {"incident": {"id": "%1$s", "title": {"es": "Buzón caído %2$s", "en": "Mailbox down %2$s"},
                                       "status": "investigating", "impact": "major", "components": {}},
                          "update": {"body": {"en": "Restoring the mailbox %2$s.", "es": "Restauramos el buzón %2$s."}}}}"""
                .formatted(id, tag));
        await().atMost(WAIT).until(() -> snapshots.current().unresolvedIncidents().stream()
                .anyMatch(i -> i.id().equals(id)));
        String spanish = address("texto-es");
        String english = address("texts-en");
        String portuguese = address("textos-pt");
        send(spanish, RawMail.question(spanish, RawMail.messageId(), "Consulta", "Hola"));
        send(english, RawMail.question(english, RawMail.messageId(), "Question", "Hi", "Content-Language: en"));
        send(portuguese, RawMail.question(portuguese, RawMail.messageId(), "Pergunta", "Oi", "Content-Language: pt-BR"));

        assertThat(part(AudienceFixtures.awaitMail(greenMail, spanish, 1), "text/plain"))
                .contains("Buzón caído " + tag, "Restauramos el buzón " + tag).doesNotContain("Mailbox down " + tag);
        assertThat(part(AudienceFixtures.awaitMail(greenMail, english, 1), "text/plain"))
                .contains("Mailbox down " + tag, "Restoring the mailbox " + tag).doesNotContain("Buzón caído " + tag);
        // Portuguese words, and the default locale's texts where none were written in Portuguese
        MimeMessage pt = AudienceFixtures.awaitMail(greenMail, portuguese, 1);
        assertThat(pt.getSubject()).isEqualTo("[ZBox Mail] Status atual dos nossos serviços");
        assertThat(part(pt, "text/plain")).contains("Incidentes abertos", "Buzón caído " + tag);
    }

    @Test
    void automaticAndListMailGetsNoReply() {
        List<String> ids = new ArrayList<>();
        List<String> senders = new ArrayList<>();
        String[][] headers = { { "Auto-Submitted: auto-replied" }, { "Auto-Submitted: auto-generated" },
                { "Precedence: bulk" }, { "Precedence: list" }, { "List-Id: <ops.lists.example.test>" },
                { "X-Auto-Response-Suppress: All" } };
        for (int i = 0; i < headers.length; i++) {
            String sender = address("robot" + i);
            String id = RawMail.messageId();
            senders.add(sender);
            ids.add(id);
            send(sender, RawMail.question(sender, id, "Out of office", "I am away", headers[i]));
        }
        // A mail daemon's notice that is not a delivery report.
        String daemon = "MAILER-DAEMON@" + tag + ".example.test";
        String nullPath = RawMail.messageId();
        send(daemon, RawMail.question(daemon, nullPath, "Delivery notification", "Undeliverable"));
        // And one from Heraldo's own address: no loop.
        String own = RawMail.messageId();
        send(OWN, RawMail.question(HeraldoServers.FROM, own, "[ZBox Mail] Estado", "Hola"));
        // A person afterwards gets a reply: every message before it was read and let go.
        String person = address("persona");
        send(person, RawMail.question(person, RawMail.messageId(), "¿Qué pasa?", "Hola"));

        AudienceFixtures.awaitMail(greenMail, person, 1);
        for (String id : ids) {
            awaitIn(SupportMailbox.PROCESSED, id);
        }
        awaitIn(SupportMailbox.PROCESSED, nullPath);
        awaitIn(SupportMailbox.PROCESSED, own);
        senders.forEach(s -> assertThat(mailsTo(s)).as(s).isEmpty());
        assertThat(mailsTo(daemon)).isEmpty();
    }

    @Test
    void outsideAnIncidentNobodyGetsAReply() {
        StatusTables.reset(dataSource);
        await().atMost(WAIT).until(() -> snapshots.current().unresolvedIncidents().isEmpty());
        String sender = address("calma");
        String id = RawMail.messageId();
        send(sender, RawMail.question(sender, id, "Pregunta", "¿Todo bien?"));

        awaitIn(SupportMailbox.PROCESSED, id);
        assertThat(mailsTo(sender)).isEmpty();
    }

    // --- commands -----------------------------------------------------------------------------------------------

    @Test
    void subscribeByMailInBothLanguagesSendsTheConfirmation() throws Exception {
        String[][] cases = { { "suscribir", null, "Confirma tu suscripción" }, { "Suscríbir", null, "Confirma tu suscripción" },
                { "Subscribe", "Content-Language: en", "Confirm your subscription" },
                { "Hola", null, "Confirma tu suscripción" } };
        for (int i = 0; i < cases.length; i++) {
            String sender = address("alta" + i);
            String subject = cases[i][0];
            String body = subject.equals("Hola") ? "\r\n  SUSCRIBIR\r\nGracias" : "";
            String raw = cases[i][1] == null ? RawMail.question(sender, RawMail.messageId(), subject, body)
                    : RawMail.question(sender, RawMail.messageId(), subject, body, cases[i][1]);
            send(sender, raw);

            MimeMessage confirmation = AudienceFixtures.awaitMail(greenMail, sender, 1);
            assertThat(confirmation.getSubject()).as(subject).contains(cases[i][2]);
            String locale = cases[i][1] == null ? "es" : "en";
            assertThat(subscribers.byEmail(sender)).hasValueSatisfying(s -> {
                assertThat(s.state()).isEqualTo(SubscriberState.PENDING);
                assertThat(s.locale()).isEqualTo(locale);
            });
        }
    }

    @Test
    void aBareUnsubscribeInBothLanguagesOnlySendsTheSubscriberTheLink() throws Exception {
        String[] subjects = { "baja", "Re: BAJA", "UNSUBSCRIBE", "Fwd: unsubscribe", "Bája" };
        StringBuilder csv = new StringBuilder("email,locale\n");
        for (int i = 0; i < subjects.length; i++) {
            csv.append(address("baja" + i)).append(",es\n");
        }
        csv.append(address("baja-body")).append(",en\n");
        importConfirmed(csv.toString(), subjects.length + 1);

        // Anyone can write any From: none of these proves it is the subscriber asking.
        for (int i = 0; i < subjects.length; i++) {
            send(address("baja" + i), RawMail.question(address("baja" + i), RawMail.messageId(), subjects[i], ""));
        }
        // The first line of the text counts too; so does a token that is not a subscriber's.
        String bodyId = RawMail.messageId();
        send(address("baja-body"), RawMail.question(address("baja-body"), bodyId, "Hello",
                "Unsubscribe " + "A".repeat(64) + "\r\n\r\nThanks"));
        // Somebody who is no subscriber gets nothing back.
        String stranger = address("stranger");
        String strangerId = RawMail.messageId();
        send(stranger, RawMail.question(stranger, strangerId, "baja", ""));

        for (int i = 0; i < subjects.length; i++) {
            String subscriber = address("baja" + i);
            await().atMost(WAIT).until(() -> !mailsTo(subscriber, "Darse de baja").isEmpty());
            MimeMessage link = mailsTo(subscriber, "Darse de baja").get(0);
            assertThat(link.getSubject()).as(subjects[i]).isEqualTo("[ZBox Mail] Darse de baja");
            assertThat(link.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
            assertThat(part(link, "text/plain")).contains("El remitente de un mensaje se puede falsificar",
                    "http://localhost:8080/subscriptions/unsubscribe?token=");
        }
        await().atMost(WAIT).until(() -> !mailsTo(address("baja-body"), "Unsubscribe").isEmpty());
        MimeMessage english = mailsTo(address("baja-body"), "Unsubscribe").get(0);
        assertThat(english.getSubject()).isEqualTo("[ZBox Mail] Unsubscribe");
        assertThat(english.getHeader("In-Reply-To", null)).isEqualTo(bodyId);
        awaitIn(SupportMailbox.PROCESSED, strangerId);
        assertThat(mailsTo(stranger)).isEmpty();
        for (int i = 0; i < subjects.length; i++) {
            assertThat(subscribers.byEmail(address("baja" + i)).orElseThrow().state()).as(subjects[i])
                    .isEqualTo(SubscriberState.CONFIRMED);
        }
        assertThat(subscribers.byEmail(address("baja-body")).orElseThrow().state()).isEqualTo(SubscriberState.CONFIRMED);

        // The link in the answer unsubscribes with one click; asking again soon sends no second link.
        String again = RawMail.messageId();
        send(address("baja0"), RawMail.question(address("baja0"), again, "baja", ""));
        awaitIn(SupportMailbox.PROCESSED, again);
        assertThat(mailsTo(address("baja0"), "Darse de baja")).hasSize(1);
        String link = between(part(mailsTo(address("baja0"), "Darse de baja").get(0), "text/plain"),
                "http://localhost:8080", "\n").strip();
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click").post(link)
                .then().statusCode(200);
        assertThat(subscribers.byEmail(address("baja0")).orElseThrow().state()).isEqualTo(SubscriberState.UNSUBSCRIBED);
    }

    @Test
    void theListUnsubscribeMailtoOfANotificationCarriesTheTokenAndUnsubscribesAtOnce() throws Exception {
        String subscriber = address("mailto");
        MimeMessage notification = notified(subscriber).get(subscriber);
        String mailto = between(notification.getHeader("List-Unsubscribe", null), "<mailto:", ">");
        String to = mailto.substring(0, mailto.indexOf('?'));
        String subject = URLDecoder.decode(mailto.substring(mailto.indexOf("subject=") + "subject=".length()),
                StandardCharsets.UTF_8);
        UUID id = subscribers.byEmail(subscriber).orElseThrow().id();
        assertThat(to).isEqualTo(OWN);
        assertThat(subject).isEqualTo("unsubscribe " + tokens.unsubscribeToken(id));

        // Sent by the mail provider's unsubscribe service, automatic and from an address of its own: the token is
        // what counts.
        String provider = "unsubscribe-" + tag + "@provider.example.test";
        RawMail.send(greenMail.getSmtp().getPort(), provider, to, RawMail.question(provider, RawMail.messageId(),
                subject, "", "Auto-Submitted: auto-generated").getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> subscribers.byEmail(subscriber).orElseThrow().state()
                == SubscriberState.UNSUBSCRIBED);
        assertThat(mailsTo(provider)).isEmpty();
        assertThat(mailsTo(subscriber, "Darse de baja")).as("no link mail: it is done").isEmpty();
    }

    // --- bounces ------------------------------------------------------------------------------------------------

    @Test
    void aForgedReportSuppressesNobodyAndIsKeptInFailed() {
        String victim = address("victim");
        importConfirmed("email,locale\n" + victim + ",es\n", 1);
        UUID victimId = subscribers.byEmail(victim).orElseThrow().id();

        // Heraldo's own From in the returned headers, as anyone can write it.
        String plain = RawMail.messageId();
        send(DAEMON, RawMail.deliveryReport(plain, victim, "failed", "5.1.1", null, null));
        // A Message-ID of the shape Heraldo writes, of a notification that was never sent.
        String guessed = RawMail.messageId();
        send(DAEMON, RawMail.deliveryReport(guessed, victim, "failed", "5.1.1",
                "<inc-nothing-" + tag + "." + victimId + "@zboxapp.test>", null));
        // A return path with a made-up token.
        String madeUp = RawMail.messageId();
        send(DAEMON, RawMail.deliveryReport(madeUp, victim, "failed", "5.1.1", null,
                "ayuda+b-" + "a".repeat(45) + "@zboxapp.test"));

        for (String report : List.of(plain, guessed, madeUp)) {
            awaitIn(SupportMailbox.FAILED, report);
            assertThat(SupportMailbox.count(greenMail, SupportMailbox.PROCESSED, report)).isZero();
            assertThat(ledgerOutcome(report)).startsWith("delivery report not about mail Heraldo sent");
        }
        assertThat(subscribers.byEmail(victim).orElseThrow().state()).isEqualTo(SubscriberState.CONFIRMED);
        assertThat(mailsTo(DAEMON)).isEmpty();
    }

    @Test
    void aReportProvenByMessageIdSuppressesAtOnceAndSubscribingAgainLiftsIt() throws Exception {
        String gone = address("gone");
        MimeMessage sent = notified(gone).get(gone);

        // No return path: the report came to the mailbox itself, with the returned headers.
        String report = RawMail.messageId();
        send(DAEMON, RawMail.deliveryReport(report, gone, "failed", "5.1.1", sent.getMessageID(), null));

        await().atMost(WAIT).until(() -> subscribers.byEmail(gone).orElseThrow().state() == SubscriberState.SUPPRESSED);
        awaitIn(SupportMailbox.PROCESSED, report);
        assertThat(mailsTo(DAEMON)).isEmpty();
        assertThat(exportedState(gone)).isEqualTo("suppressed");

        // Subscribing again starts over: pending, with a confirmation mail.
        send(gone, RawMail.question(gone, RawMail.messageId(), "suscribir", ""));
        await().atMost(WAIT).until(() -> !mailsTo(gone, "Confirma tu suscripción").isEmpty());
        assertThat(subscribers.byEmail(gone).orElseThrow().state()).isEqualTo(SubscriberState.PENDING);
    }

    @Test
    void aReportToTheReturnPathOfTheDeliverySuppressesAndNotAnotherSubscriber() throws Exception {
        String gone = address("verp-gone");
        String other = address("verp-other");
        Map<String, MimeMessage> sent = notified(gone, other);
        String goneReturnPath = returnPath(sent.get(gone));
        assertThat(goneReturnPath).matches("ayuda\\+b-[a-z2-7]{45}@zboxapp\\.test");
        assertThat(returnPath(sent.get(other))).isNotEqualTo(goneReturnPath);

        // gone's own return path, in a report about other (gone could forge that): nobody is touched.
        String crossed = RawMail.messageId();
        send(DAEMON, RawMail.deliveryReport(crossed, other, "failed", "5.1.1", null, goneReturnPath));
        awaitIn(SupportMailbox.FAILED, crossed);
        assertThat(ledgerOutcome(crossed)).contains("a subscriber the report is not about");
        assertThat(subscribers.byEmail(other).orElseThrow().state()).isEqualTo(SubscriberState.CONFIRMED);
        assertThat(subscribers.byEmail(gone).orElseThrow().state()).isEqualTo(SubscriberState.CONFIRMED);

        // No returned headers at all (some servers send none): the return path, in any case, is the proof.
        String report = RawMail.messageId();
        send(DAEMON, RawMail.deliveryReport(report, gone, "failed", "5.1.1", null,
                goneReturnPath.toUpperCase(Locale.ROOT)));
        await().atMost(WAIT).until(() -> subscribers.byEmail(gone).orElseThrow().state() == SubscriberState.SUPPRESSED);
        awaitIn(SupportMailbox.PROCESSED, report);
        assertThat(subscribers.byEmail(other).orElseThrow().state()).isEqualTo(SubscriberState.CONFIRMED);
    }

    @Test
    void threeTemporaryFailuresInARowSuppress() throws Exception {
        String flaky = address("flaky");
        MimeMessage sent = notified(flaky).get(flaky);

        for (int i = 1; i <= 3; i++) {
            String report = RawMail.messageId();
            send(DAEMON, RawMail.deliveryReport(report, flaky, i == 2 ? "delayed" : "failed", "4.4.1",
                    sent.getMessageID(), i == 3 ? returnPath(sent) : null));
            awaitIn(SupportMailbox.PROCESSED, report);
            SubscriberState expected = i < 3 ? SubscriberState.CONFIRMED : SubscriberState.SUPPRESSED;
            assertThat(subscribers.byEmail(flaky).orElseThrow().state()).as("after %d", i).isEqualTo(expected);
        }
    }

    // --- hostile mail, restarts -----------------------------------------------------------------------------------

    @Test
    void hostileMailLandsInFailedAndTheNextMessageIsStillHandled() {
        String noFrom = RawMail.messageId();
        send("x@sender.example.test", "Message-ID: " + noFrom + "\r\nSubject: sin remitente\r\n\r\nhola\r\n");
        String twoFroms = RawMail.messageId();
        send("x@sender.example.test", RawMail.question(address("a") + ", " + address("b"), twoFroms, "dos", "hola"));
        String badMime = RawMail.messageId();
        send("x@sender.example.test", """
                From: %s\r
                Message-ID: %s\r
                Subject: roto\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="never-there"\r
                \r
                the boundary it names never comes\r
                """.formatted(address("mime"), badMime));
        String garbageFrom = RawMail.messageId();
        send("x@sender.example.test", RawMail.question("\"unterminated <@@@>", garbageFrom, "basura", "hola"));
        send("x@sender.example.test", "\r\njust a body, no headers at all\r\n");

        // Readable but odd: an unknown charset, and a forged Bcc line after From. Both are answered, to the sender only.
        String charsetSender = address("klingon");
        send(charsetSender, """
                From: %s\r
                Message-ID: %s\r
                Subject: =?x-klingon?Q?nuqneH?=\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=x-klingon\r
                \r
                Qapla'\r
                """.formatted(charsetSender, RawMail.messageId()));
        String forger = address("forger");
        String victim = address("victim");
        send(forger, RawMail.question(forger + "\nBcc: " + victim, RawMail.messageId(), "hola", "hola"));

        String next = address("next");
        String nextId = RawMail.messageId();
        send(next, RawMail.question(next, nextId, "¿Y el correo?", "Hola"));

        AudienceFixtures.awaitMail(greenMail, next, 1);
        awaitIn(SupportMailbox.PROCESSED, nextId);
        for (String id : List.of(noFrom, twoFroms, badMime, garbageFrom)) {
            awaitIn(SupportMailbox.FAILED, id);
            assertThat(SupportMailbox.count(greenMail, SupportMailbox.PROCESSED, id)).isZero();
        }
        AudienceFixtures.awaitMail(greenMail, charsetSender, 1);
        AudienceFixtures.awaitMail(greenMail, forger, 1);
        // The forged line stays in the stored question, but nothing is sent to it.
        assertThat(greenMail.getUserManager().getUserByEmail(victim)).isNull();
        assertThat(reader.running()).isTrue();
    }

    @Test
    void aTwentyMegabyteAttachmentIsNotInTheWay() throws Exception {
        String sender = address("adjunto");
        String id = RawMail.messageId();
        importConfirmed("email,locale\n" + sender + ",es\n", 1);
        String token = tokens.unsubscribeToken(subscribers.byEmail(sender).orElseThrow().id());
        StringBuilder raw = new StringBuilder("""
                From: %s\r
                Message-ID: %s\r
                Subject: Adjunto el registro\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                unsubscribe %s\r
                --b\r
                Content-Type: application/octet-stream\r
                Content-Disposition: attachment; filename="log.bin"\r
                Content-Transfer-Encoding: base64\r
                \r
                """.formatted(sender, id, token));
        byte[] chunk = new byte[57 * 1000];
        new java.util.Random(1).nextBytes(chunk);
        String lines = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(chunk) + "\r\n";
        while (raw.length() < 20 * 1024 * 1024) {
            raw.append(lines);
        }
        raw.append("--b--\r\n");
        send(sender, raw.toString());

        // "unsubscribe <token>" as the first line of its text: the command is read without the attachment.
        await().atMost(Duration.ofSeconds(60)).until(() -> subscribers.byEmail(sender).orElseThrow().state()
                == SubscriberState.UNSUBSCRIBED);
        awaitIn(SupportMailbox.PROCESSED, id);
    }

    @Test
    void aMessageAlreadyHandledBeforeACrashIsOnlyMoved() throws Exception {
        reader.stop();
        try {
            String sender = address("crash");
            String id = RawMail.messageId();
            send(sender, RawMail.question(sender, id, "¿Hay problemas?", "Hola"));
            await().atMost(WAIT).until(() -> SupportMailbox.count(greenMail, SupportMailbox.INBOX, id) == 1);
            // A replica answered it and stopped before moving it.
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into inbox_message (message_key, state, replica, outcome, claimed_at, finished_at)"
                            + " values (?, 'handled', 'gone-replica', 'replied', now(), now())")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            reader.start();
            awaitIn(SupportMailbox.PROCESSED, id);
            assertThat(mailsTo(sender)).isEmpty();
        } finally {
            reader.start();
        }
    }

    @Test
    void twoReadersOverOneDatabaseHandleEachMessageOnceAndDeleteNothing() {
        int before = SupportMailbox.total(greenMail);
        reader.stop();
        InboxReader second = new InboxReader(config, desk);
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                String sender = address("par" + i);
                String id = RawMail.messageId();
                ids.add(id);
                send(sender, RawMail.question(sender, id, "Pregunta " + i, "Hola"));
            }
            reader.start();
            second.start();
            for (String id : ids) {
                awaitIn(SupportMailbox.PROCESSED, id);
            }
            for (int i = 0; i < 20; i++) {
                AudienceFixtures.awaitMail(greenMail, address("par" + i), 1);
            }
            // Stopped and started again: nothing is answered twice.
            reader.stop();
            reader.start();
            await().atMost(WAIT).until(() -> reader.passes() > 0);
        } finally {
            second.stop();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(mailsTo(address("par" + i))).as("replies to par" + i).hasSize(1);
        }
        ids.forEach(id -> assertThat(SupportMailbox.count(greenMail, SupportMailbox.PROCESSED, id)).isEqualTo(1));
        assertThat(SupportMailbox.total(greenMail)).isEqualTo(before + 20);
    }

    @Test
    void outcomesAreCountedFromTheStart() {
        String metrics = ManagementPort.given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String outcome : List.of("replied", "quiet", "automatic", "subscribed", "unsubscribed", "unsubscribe_link",
                "bounce", "failed", "retry")) {
            assertThat(metrics).contains("heraldo_inbox_messages_total{outcome=\"" + outcome + "\"}");
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /**
     * A real fan-out mail to each of these new subscribers: they follow a component of their own, and an incident
     * on it is published for email.
     */
    private Map<String, MimeMessage> notified(String... emails) {
        String component = "cmp-" + tag;
        String incident = "inc-mail-" + tag;
        String title = "Aviso " + tag;
        StringBuilder csv = new StringBuilder("email,locale,components\n");
        for (String email : emails) {
            csv.append(email).append(",es,").append(component).append('\n');
        }
        importConfirmed(csv.toString(), emails.length);
        TestKafka.publishStructured(incident, """
                {"specversion": "1.0", "id": "evt-%1$s", "source": "/test/inbox", "type": "incident.opened",
                 "subject": "%1$s", "time": "2026-11-24T12:00:00-03:00", "datacontenttype": "application/json",
                 "data": {"incident": {"id": "%1$s", "title": "%2$s", "status": "investigating", "impact": "minor",
                                       "components": {"%3$s": "degraded_performance"}},
                          "update": {"body": "Revisamos."}, "notify": ["email"]}}""".formatted(incident, title, component));
        Map<String, MimeMessage> sent = new LinkedHashMap<>();
        for (String email : emails) {
            await().atMost(WAIT).until(() -> mailsTo(email).stream().anyMatch(m -> subject(m).endsWith(title)));
            sent.put(email, mailsTo(email).stream().filter(m -> subject(m).endsWith(title)).findFirst().orElseThrow());
        }
        return sent;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The envelope sender a mail was sent with: GreenMail writes it as Return-Path. */
    private static String returnPath(MimeMessage message) throws MessagingException {
        return message.getHeader("Return-Path", null).replaceAll("[<>\\s]", "");
    }

    /** What the ledger kept of a message: its outcome, or why it failed. */
    private String ledgerOutcome(String messageId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select outcome from inbox_message where message_key = ?")) {
            ps.setString(1, messageId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'" + start + "' in " + text).isNotNegative();
        int to = text.indexOf(end, from + start.length());
        return text.substring(from + start.length(), to < 0 ? text.length() : to);
    }

    private static void importConfirmed(String csv, int count) {
        given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).contentType("text/csv").body(csv)
                .post("/admin/v1/subscribers/import").then().statusCode(200).body("imported", is(count));
    }

    private static String exportedState(String email) {
        String csv = given().auth().oauth2(HeraldoServers.ADMIN_TOKEN).get("/admin/v1/subscribers/export").then()
                .statusCode(200).extract().asString();
        for (String line : csv.split("\r?\n")) {
            if (line.startsWith(email + ",")) {
                String[] fields = line.split(",");
                return fields[3];
            }
        }
        throw new AssertionError(email + " is not in the export");
    }

    private static String part(MimeMessage message, String type) throws MessagingException, IOException {
        Multipart alternative = (Multipart) message.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart part = alternative.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    static String unique() {
        return UUID.randomUUID().toString();
    }
}
