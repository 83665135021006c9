package io.heraldo.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
    void unsubscribeByMailInBothLanguagesTakesEffectAtOnce() {
        String[] subjects = { "baja", "Re: BAJA", "UNSUBSCRIBE", "Fwd: unsubscribe", "Bája" };
        StringBuilder csv = new StringBuilder("email,locale\n");
        for (int i = 0; i < subjects.length; i++) {
            csv.append(address("baja" + i)).append(",es\n");
        }
        csv.append(address("baja-body")).append(",en\n");
        importConfirmed(csv.toString(), subjects.length + 1);

        for (int i = 0; i < subjects.length; i++) {
            send(address("baja" + i), RawMail.question(address("baja" + i), RawMail.messageId(), subjects[i], ""));
        }
        // The first line of the text counts too.
        send(address("baja-body"), RawMail.question(address("baja-body"), RawMail.messageId(), "Hello", "Unsubscribe\r\n\r\nThanks"));

        for (int i = 0; i < subjects.length; i++) {
            String sender = address("baja" + i);
            await(subjects[i]).atMost(WAIT).until(() -> subscribers.byEmail(sender).orElseThrow().state()
                    == SubscriberState.UNSUBSCRIBED);
        }
        await().atMost(WAIT).until(() -> subscribers.byEmail(address("baja-body")).orElseThrow().state()
                == SubscriberState.UNSUBSCRIBED);
        // Commands get no status reply.
        assertThat(mailsTo(address("baja0"))).isEmpty();
    }

    @Test
    void theListUnsubscribeMailtoOfANotificationUnsubscribes() throws Exception {
        String subscriber = address("mailto");
        importConfirmed("email,locale\n" + subscriber + ",es\n", 1);
        // The mailto target the email channel writes into List-Unsubscribe: this mailbox, subject "baja".
        String mailto = "mailto:ayuda@zboxapp.test?subject=baja";
        String to = mailto.substring("mailto:".length(), mailto.indexOf('?'));
        String subject = mailto.substring(mailto.indexOf("subject=") + "subject=".length());
        assertThat(to).isEqualTo(OWN);
        RawMail.send(greenMail.getSmtp().getPort(), subscriber, to,
                RawMail.question(subscriber, RawMail.messageId(), subject, "").getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> subscribers.byEmail(subscriber).orElseThrow().state()
                == SubscriberState.UNSUBSCRIBED);
    }

    // --- bounces ------------------------------------------------------------------------------------------------

    @Test
    void aPermanentFailureSuppressesAtOnceAndSubscribingAgainLiftsIt() throws Exception {
        String gone = address("gone");
        String forged = address("forged");
        importConfirmed("email,locale\n" + gone + ",es\n" + forged + ",es\n", 2);

        String forgedReport = RawMail.messageId();
        send(DAEMON, RawMail.deliveryReport(forgedReport, forged, "failed", "5.1.1", "someone@else.example.test"));
        String report = RawMail.messageId();
        send(DAEMON, RawMail.deliveryReport(report, gone, "failed", "5.1.1", OWN));

        await().atMost(WAIT).until(() -> subscribers.byEmail(gone).orElseThrow().state() == SubscriberState.SUPPRESSED);
        awaitIn(SupportMailbox.PROCESSED, report);
        awaitIn(SupportMailbox.PROCESSED, forgedReport);
        assertThat(subscribers.byEmail(forged).orElseThrow().state()).as("a report about mail Heraldo did not send")
                .isEqualTo(SubscriberState.CONFIRMED);
        assertThat(mailsTo("MAILER-DAEMON@mx.example.test")).isEmpty();
        assertThat(exportedState(gone)).isEqualTo("suppressed");

        // Subscribing again starts over: pending, with a confirmation mail.
        send(gone, RawMail.question(gone, RawMail.messageId(), "suscribir", ""));
        AudienceFixtures.awaitMail(greenMail, gone, 1);
        assertThat(subscribers.byEmail(gone).orElseThrow().state()).isEqualTo(SubscriberState.PENDING);
    }

    @Test
    void threeTemporaryFailuresInARowSuppress() {
        String flaky = address("flaky");
        importConfirmed("email,locale\n" + flaky + ",es\n", 1);

        for (int i = 1; i <= 3; i++) {
            String report = RawMail.messageId();
            send(DAEMON, RawMail.deliveryReport(report, flaky, i == 2 ? "delayed" : "failed", "4.4.1", OWN));
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
                baja\r
                --b\r
                Content-Type: application/octet-stream\r
                Content-Disposition: attachment; filename="log.bin"\r
                Content-Transfer-Encoding: base64\r
                \r
                """.formatted(sender, id));
        byte[] chunk = new byte[57 * 1000];
        new java.util.Random(1).nextBytes(chunk);
        String lines = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(chunk) + "\r\n";
        while (raw.length() < 20 * 1024 * 1024) {
            raw.append(lines);
        }
        raw.append("--b--\r\n");
        importConfirmed("email,locale\n" + sender + ",es\n", 1);
        send(sender, raw.toString());

        // "baja" as the first line of its text: the command is read without the attachment.
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
        for (String outcome : List.of("replied", "quiet", "automatic", "subscribed", "unsubscribed", "bounce", "failed",
                "retry")) {
            assertThat(metrics).contains("heraldo_inbox_messages_total{outcome=\"" + outcome + "\"}");
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

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
