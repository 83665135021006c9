package io.heraldo.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.heraldo.HeraldoServers;
import io.heraldo.InjectGreenMail;
import io.heraldo.audience.ReturnPaths;
import io.heraldo.audience.SubscriberTokens;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification.ComponentRef;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.Recipient;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.mail.OutgoingMail;
import io.heraldo.platform.mail.Postman;
import io.quarkus.test.junit.QuarkusTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

@QuarkusTest
class EmailComposerTest {

    private static final String ANA = "0b6f1f0e-5a51-4c57-9a8f-1f2d3c4b5a69";
    private static final String BRUNO = "7d3e8c21-94b0-4f6e-b1a2-6c5d4e3f2a10";
    private static final String FROM_ADDRESS = "ayuda@zboxapp.test";

    @Inject
    EmailComposer composer;

    @Inject
    Postman postman;

    @Inject
    HeraldoConfig config;

    @Inject
    ReturnPaths returnPaths;

    @Inject
    SubscriberTokens tokens;

    @InjectGreenMail
    GreenMail greenMail;

    @Test
    void subjectsSayWhatHappenedInTheSubscribersLanguage() throws Exception {
        Map<String, List<String>> expected = new HashMap<>();
        expected.put("zbox-2015-09", List.of("Investigando: Problemas de validación de usuarios",
                "Investigating: Problemas de validación de usuarios"));
        expected.put("zbox-2015-10", List.of("Identificado: Problemas de validación de usuarios",
                "Identified: Problemas de validación de usuarios"));
        expected.put("zbox-2015-12", List.of("Resuelto: Problemas de validación de usuarios",
                "Resolved: Problemas de validación de usuarios"));
        expected.put("zbox-2015-05", List.of("Mantenimiento programado: Incorporación de un segundo servidor LDAP",
                "Scheduled maintenance: Incorporación de un segundo servidor LDAP"));
        expected.put("zbox-2015-05b", List.of("Mantenimiento actualizado: Incorporación de un segundo servidor LDAP",
                "Maintenance updated: Incorporación de un segundo servidor LDAP"));
        expected.put(OutageNotifications.maintenanceReminder().id(), List.of(
                "Recordatorio de mantenimiento: Incorporación de un segundo servidor LDAP",
                "Maintenance reminder: Incorporación de un segundo servidor LDAP"));
        expected.put("zbox-2015-06", List.of("Mantenimiento en curso: Incorporación de un segundo servidor LDAP",
                "Maintenance in progress: Incorporación de un segundo servidor LDAP"));
        expected.put("zbox-2015-07", List.of("Mantenimiento completado: Incorporación de un segundo servidor LDAP",
                "Maintenance completed: Incorporación de un segundo servidor LDAP"));
        expected.put("zbox-2015-08c", List.of("Mantenimiento cancelado: Activación de un nuevo servidor Mailbox",
                "Maintenance cancelled: Activación de un nuevo servidor Mailbox"));
        expected.put("zbox-2015-16", List.of("Nueva dirección de soporte", "Nueva dirección de soporte"));
        expected.put("zbox-2015-13", List.of("Mailbox: Interrupción mayor", "Mailbox: Major outage"));

        List<Notification> all = OutageNotifications.everyKind();
        assertThat(all).extracting(Notification::kind).containsExactlyInAnyOrder(NotificationKind.values());
        for (Notification notification : all) {
            List<String> subjects = expected.get(notification.id());
            assertThat(wire(notification, ANA, "es").getSubject()).isEqualTo("[ZBox Mail] " + subjects.get(0));
            assertThat(wire(notification, ANA, "en").getSubject()).isEqualTo("[ZBox Mail] " + subjects.get(1));
        }
    }

    @Test
    void everyKindIsTextAndHtmlAndMaintenanceAlsoACalendar() throws Exception {
        for (Notification notification : OutageNotifications.everyKind()) {
            for (String lang : List.of("es", "en")) {
                MimeMessage message = wire(notification, ANA, lang);
                String what = notification.kind() + " in " + lang;
                assertThat(message.isMimeType("multipart/alternative")).as(what).isTrue();
                MimeMultipart parts = (MimeMultipart) message.getContent();
                List<String> types = new ArrayList<>();
                for (int i = 0; i < parts.getCount(); i++) {
                    ContentType type = new ContentType(parts.getBodyPart(i).getContentType());
                    types.add(type.getBaseType().toLowerCase());
                    assertThat(type.getParameter("charset")).as(what).isEqualToIgnoringCase("UTF-8");
                }
                if (notification.kind().isMaintenance()) {
                    assertThat(types).as(what).containsExactly("text/plain", "text/html", "text/calendar");
                } else {
                    assertThat(types).as(what).containsExactly("text/plain", "text/html");
                }
                String manage = config.publicUrl() + "/subscriptions/manage?token=" + tokens.manageToken(UUID.fromString(ANA));
                assertThat(text(message)).as(what).contains(notification.title())
                        .contains(config.publicUrl() + "/subscriptions/unsubscribe?token=tok-" + ANA)
                        .contains(manage);
                assertThat(html(message)).as(what).contains("<html lang=\"" + lang + "\">")
                        .contains("href=\"" + config.publicUrl() + "/subscriptions/unsubscribe?token=tok-" + ANA + "\"")
                        .contains("href=\"" + manage + "\"")
                        // no external resources: nothing is fetched when the mail is opened
                        .doesNotContain("src=").doesNotContain("<link").doesNotContain("url(").doesNotContain("<script");
                assertThat(message.getHeader("Content-Language", null)).as(what).startsWith(lang);
            }
        }
    }

    @Test
    void theHeadersAreThoseOfTheContract() throws Exception {
        Notification identified = OutageNotifications.incidentIdentified();
        MimeMessage message = wire(identified, ANA, "es");

        InternetAddress from = new InternetAddress(HeraldoServers.FROM);
        assertThat(message.getFrom()).containsExactly(from);
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("ZBox Mail");
        assertThat(message.getReplyTo()).containsExactly(from);
        assertThat(message.getRecipients(RecipientType.TO)).containsExactly(new InternetAddress(address(ANA)));
        assertThat(message.getRecipients(RecipientType.CC)).isNull();
        assertThat(message.getRecipients(RecipientType.BCC)).isNull();
        assertThat(message.getSentDate().toInstant()).isEqualTo(identified.occurredAt().toInstant());
        assertThat(message.getMessageID()).isEqualTo("<zbox-2015-10." + ANA + "@zboxapp.test>");
        assertThat(header(message, "In-Reply-To")).isEqualTo("<zbox-2015-09." + ANA + "@zboxapp.test>");
        assertThat(header(message, "References")).isEqualTo("<zbox-2015-09." + ANA + "@zboxapp.test>");
        assertThat(header(message, "List-Unsubscribe")).isEqualTo("<" + config.publicUrl()
                + "/subscriptions/unsubscribe?token=tok-" + ANA + ">, <mailto:" + FROM_ADDRESS + "?subject=unsubscribe%20tok-" + ANA
                + ">");
        assertThat(header(message, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(header(message, "Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(message.getContentLanguage()).containsExactly("es");
        // the raw subject is encoded (RFC 2047): it carries non-ASCII text
        assertThat(message.getHeader("Subject")[0]).startsWith("=?UTF-8?");

        MimeMessage english = wire(identified, BRUNO, "en");
        assertThat(header(english, "List-Unsubscribe")).isEqualTo("<" + config.publicUrl()
                + "/subscriptions/unsubscribe?token=tok-" + BRUNO + ">, <mailto:" + FROM_ADDRESS + "?subject=unsubscribe%20tok-"
                + BRUNO + ">");
        // English words around a body the producer wrote in Spanish
        assertThat(english.getContentLanguage()).containsExactly("en", "es");
    }

    @Test
    void theFirstMailStartsAThreadAndEveryUpdateAnswersIt() throws Exception {
        MimeMessage opened = wire(OutageNotifications.incidentOpened(), ANA, "es");
        MimeMessage identified = wire(OutageNotifications.incidentIdentified(), ANA, "es");
        MimeMessage resolved = wire(OutageNotifications.incidentResolved(), ANA, "es");
        MimeMessage resolvedForBruno = wire(OutageNotifications.incidentResolved(), BRUNO, "es");

        assertThat(opened.getHeader("In-Reply-To")).isNull();
        assertThat(opened.getHeader("References")).isNull();
        assertThat(header(identified, "In-Reply-To")).isEqualTo(opened.getMessageID());
        assertThat(header(resolved, "In-Reply-To")).isEqualTo(opened.getMessageID());
        assertThat(header(resolved, "References")).isEqualTo(opened.getMessageID());
        assertThat(header(resolvedForBruno, "In-Reply-To")).isNotEqualTo(opened.getMessageID())
                .isEqualTo(wire(OutageNotifications.incidentOpened(), BRUNO, "es").getMessageID());

        MimeMessage scheduled = wire(OutageNotifications.maintenanceScheduled(), ANA, "en");
        assertThat(scheduled.getHeader("In-Reply-To")).isNull();
        for (Notification update : List.of(OutageNotifications.maintenanceUpdated(),
                OutageNotifications.maintenanceReminder(), OutageNotifications.maintenanceStarted(),
                OutageNotifications.maintenanceCompleted())) {
            MimeMessage message = wire(update, ANA, "en");
            assertThat(header(message, "In-Reply-To")).as(update.kind().name()).isEqualTo(scheduled.getMessageID());
            assertThat(header(message, "References")).as(update.kind().name()).isEqualTo(scheduled.getMessageID());
            assertThat(message.getMessageID()).isNotEqualTo(scheduled.getMessageID());
        }
        assertThat(wire(OutageNotifications.notice(), ANA, "es").getHeader("In-Reply-To")).isNull();
        assertThat(wire(OutageNotifications.componentChanged(), ANA, "es").getHeader("In-Reply-To")).isNull();
    }

    @Test
    void theMessageIdIsStablePerDeliveryAndSafeForTheHeader() throws Exception {
        Notification reminder = OutageNotifications.maintenanceReminder();
        OutgoingMail firstMail = composer.compose(delivery(reminder, ANA, address(ANA), "es", 1));
        OutgoingMail retryMail = composer.compose(delivery(reminder, ANA, address(ANA), "es", 2));
        MimeMessage first = reparse(firstMail);
        String id = first.getMessageID();

        assertThat(reparse(retryMail).getMessageID()).isEqualTo(id);
        // a retry is the same mail, byte for byte
        assertThat(EmailComposer.bytes(retryMail)).isEqualTo(EmailComposer.bytes(firstMail));
        assertThat(id).matches("<[A-Za-z0-9._-]+@zboxapp\\.test>")
                .isEqualTo("<reminder_3Amnt-ldap-2_3A" + reminder.scheduledFor().toEpochSecond() + "." + ANA + "@zboxapp.test>");
        assertThat(wire(reminder, BRUNO, "es").getMessageID()).isNotEqualTo(id);
        // two ids that a plain replacement would make equal stay apart
        assertThat(EmailComposer.idPart("a:b")).isNotEqualTo(EmailComposer.idPart("a_b"));
    }

    @Test
    void anIncidentMailShowsTheUpdateStatusImpactComponentsTimesAndLinks() throws Exception {
        Notification opened = OutageNotifications.occurredAt(OutageNotifications.incidentOpened(),
                Instant.parse("2015-02-10T15:40:00Z"));
        MimeMessage message = wire(opened, ANA, "es");
        String text = text(message);
        String html = html(message);
        String incidentUrl = config.publicUrl() + "/incidents/inc-ldap-auth";

        assertThat(text).startsWith("ZBox Mail · Investigando: Problemas de validación de usuarios\n")
                .contains("\n" + opened.body() + "\n")
                .contains("Estado: Investigando\n")
                .contains("Impacto: Crítico\n")
                .contains("Componentes afectados:\n"
                        + "- LDAP (usuarios y configuraciones): Interrupción mayor (antes: Operativo)\n"
                        + "- Balanceador / Proxy: Interrupción parcial (antes: Operativo)\n")
                // 15:40 UTC is 12:40 in Santiago
                .contains("Publicado: martes 10 de febrero de 2015, 12:40 GMT-3 (America/Santiago)")
                .contains("Siga este incidente: " + incidentUrl)
                .contains("Página de estado de ZBox Mail: " + config.publicUrl() + "/")
                .contains("Recibe este correo porque se suscribió a los avisos de estado de ZBox Mail.")
                .contains("Para dejar de recibirlos, abra este enlace: " + config.publicUrl()
                        + "/subscriptions/unsubscribe?token=tok-" + ANA);
        assertThat(html).contains("<title>Investigando: Problemas de validación de usuarios</title>")
                .contains(">" + opened.body() + "</div>")
                .contains("Investigando").contains("Crítico")
                .contains("<li>LDAP (usuarios y configuraciones): <strong>Interrupción mayor</strong>")
                .contains("martes 10 de febrero de 2015, 12:40 GMT-3 (America/Santiago)")
                .contains("href=\"" + incidentUrl + "\"")
                .contains(">Darse de baja</a>");

        Notification identified = OutageNotifications.incidentIdentified();
        assertThat(text(wire(identified, ANA, "es")))
                .contains("Publicado: martes 10 de febrero de 2015, 13:30 GMT-3 (America/Santiago)")
                .contains("Comenzó: martes 10 de febrero de 2015, 12:40 GMT-3 (America/Santiago)");
    }

    @Test
    void englishReadersGetEnglishWordsAndTimesAroundTheProducersText() throws Exception {
        Notification opened = OutageNotifications.occurredAt(OutageNotifications.incidentOpened(),
                Instant.parse("2015-02-10T15:40:00Z"));
        MimeMessage message = wire(opened, BRUNO, "en");

        assertThat(text(message)).contains(opened.body())
                .contains("Status: Investigating\n")
                .contains("Impact: Critical\n")
                .contains("- LDAP (usuarios y configuraciones): Major outage (before: Operational)\n")
                .contains("Posted: Tuesday, February 10, 2015 at 12:40 PM GMT-3 (America/Santiago)")
                .contains("Follow this incident: " + config.publicUrl() + "/incidents/inc-ldap-auth")
                .contains("To stop receiving them, open this link:");
        assertThat(html(message)).contains("<html lang=\"en\">").contains("<div lang=\"es\"")
                .contains(">Unsubscribe</a>");
    }

    @Test
    void maintenanceMailShowsTheWindowAndCarriesACalendarInvitation() throws Exception {
        MimeMessage scheduled = wire(OutageNotifications.maintenanceScheduled(), ANA, "es");
        assertThat(text(scheduled)).contains("Programamos un mantenimiento.")
                .contains("Desde: lunes 9 de febrero de 2015, 22:00 GMT-3 (America/Santiago)")
                .contains("Hasta: lunes 9 de febrero de 2015, 23:30 GMT-3 (America/Santiago)")
                .contains("- LDAP (usuarios y configuraciones): Operativo")
                .contains("La invitación adjunta agrega este horario a su calendario.")
                .contains("Vea este mantenimiento: " + config.publicUrl() + "/incidents/mnt-ldap-2");
        BodyPart invitation = calendarPart(scheduled);
        assertThat(new ContentType(invitation.getContentType()).getParameter("method")).isEqualTo("PUBLISH");
        VEvent first = event(invitation);
        assertThat(value(first, Property.UID)).isEqualTo("mnt-ldap-2@zboxapp.test");
        assertThat(value(first, Property.DTSTART)).isEqualTo("20150210T010000Z");
        assertThat(value(first, Property.DTEND)).isEqualTo("20150210T023000Z");
        assertThat(value(first, Property.URL)).isEqualTo(config.publicUrl() + "/incidents/mnt-ldap-2");

        VEvent started = event(calendarPart(wire(OutageNotifications.maintenanceStarted(), ANA, "es")));
        assertThat(value(started, Property.UID)).isEqualTo(value(first, Property.UID));
        assertThat(Integer.parseInt(value(started, Property.SEQUENCE)))
                .isGreaterThan(Integer.parseInt(value(first, Property.SEQUENCE)));

        MimeMessage english = wire(OutageNotifications.maintenanceReminder(), BRUNO, "en");
        assertThat(text(english)).contains("Reminder: this maintenance starts soon.")
                .contains("From: Monday, February 9, 2015 at 10:00 PM GMT-3 (America/Santiago)")
                .contains("Until: Monday, February 9, 2015 at 11:30 PM GMT-3 (America/Santiago)");
    }

    @Test
    void aCancelledMaintenanceTakesTheInvitationBack() throws Exception {
        MimeMessage cancelled = wire(OutageNotifications.maintenanceCancelled(), ANA, "es");

        assertThat(text(cancelled)).contains("Cancelamos el mantenimiento")
                .contains("La invitación adjunta quita este horario de su calendario.");
        BodyPart invitation = calendarPart(cancelled);
        assertThat(new ContentType(invitation.getContentType()).getParameter("method")).isEqualTo("CANCEL");
        Calendar calendar = calendar(invitation);
        assertThat(calendar.getMethod().getValue()).isEqualTo("CANCEL");
        VEvent event = event(invitation);
        assertThat(value(event, Property.UID)).isEqualTo("mnt-mailbox-7@zboxapp.test");
        assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(event, Property.ATTENDEE)).isEqualTo("mailto:" + address(ANA));
    }

    @Test
    void hostileEventTextStaysTextAndAddsNoHeader() throws Exception {
        String title = "Title\r\nBcc: victim@example.com <script>alert(1)</script> {#include foo}";
        String body = "<script>alert(1)</script>\n{#include foo} {inject:heraldoConfig} {mail:unsubscribe}\r\nX-Evil: 1";
        Notification base = OutageNotifications.incidentOpened();
        List<ComponentRef> components = List.of(new ComponentRef("ldap", "<b>LDAP</b>\r\nCc: victim@example.com",
                "major_outage", "operational"));
        Notification hostile = new Notification(base.id(), base.eventId(), base.kind(), base.subjectId(), title,
                base.status(), null, base.impact(), body, "es", null, components, base.occurredAt(), base.startedAt(),
                null, null, 0, base.threadId(), null);

        byte[] wire = EmailComposer.bytes(composer.compose(delivery(hostile, ANA, address(ANA), "es", 1)));
        MimeMessage message = reparse(wire);

        assertThat(message.getSubject())
                .isEqualTo("[ZBox Mail] Investigando: Title Bcc: victim@example.com <script>alert(1)</script> {#include foo}");
        assertThat(message.getRecipients(RecipientType.BCC)).isNull();
        assertThat(message.getRecipients(RecipientType.CC)).isNull();
        assertThat(message.getAllRecipients()).containsExactly(new InternetAddress(address(ANA)));
        assertThat(headerNames(message)).containsExactlyInAnyOrder("Date", "From", "Reply-To", "To", "Message-ID",
                "Subject", "MIME-Version", "Content-Type", "Content-Language", "Auto-Submitted", "List-Unsubscribe",
                "List-Unsubscribe-Post");
        // nothing in the head of the message starts a line with an injected header
        String head = new String(wire, StandardCharsets.US_ASCII).split("\r\n\r\n", 2)[0];
        assertThat(head.lines()).noneMatch(line -> line.startsWith("Bcc:") || line.startsWith("Cc:")
                || line.startsWith("X-Evil:"));
        // the title's line break became a space before the subject was written, not a folded line
        assertThat(head).contains("Subject: [ZBox Mail] Investigando: Title Bcc: victim@example.com");

        String text = text(message);
        assertThat(text).contains("<script>alert(1)</script>\n{#include foo} {inject:heraldoConfig} {mail:unsubscribe}")
                .contains("- <b>LDAP</b>");
        String html = html(message);
        assertThat(html).doesNotContain("<script").doesNotContain("<b>LDAP")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;\n{#include foo} {inject:heraldoConfig} {mail:unsubscribe}")
                .contains("&lt;b&gt;LDAP&lt;/b&gt;")
                .contains("<h1 style=\"margin:0 0 16px;font-size:22px;line-height:1.3;font-weight:bold;\">"
                        + "Investigando: Title\nBcc: victim@example.com &lt;script&gt;alert(1)&lt;/script&gt; {#include foo}</h1>");
    }

    @Test
    void aDeliveryThatCanNeverBeSentIsRefused() {
        Notification notice = OutageNotifications.notice();
        for (String address : List.of("ana@example.com\r\nBcc: victim@example.com", "ana@example.com, victim@example.com",
                "not an address")) {
            assertThatThrownBy(() -> composer.compose(delivery(notice, ANA, address, "es", 1)))
                    .as(address).isInstanceOf(IllegalArgumentException.class);
        }
        Delivery notASubscriber = new Delivery("dlv_x", notice, "email",
                new Recipient("not-a-subscriber-id", address(ANA), "es", Map.of()), 1);
        assertThatThrownBy(() -> composer.compose(notASubscriber))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a subscriber id");
    }

    /** Pages no longer carry the token: the mail links the subscriber's own, made from the id as the manage one is. */
    @Test
    void aRecipientWithoutATokenGetsItsSubscribersUnsubscribeLink() throws Exception {
        Notification notice = OutageNotifications.notice();
        Delivery planned = new Delivery(Delivery.idOf(notice.id(), "email", ANA), notice, "email",
                new Recipient(ANA, address(ANA), "es", Map.of()), 1);
        String mail = new String(EmailComposer.bytes(composer.compose(planned)), StandardCharsets.US_ASCII);

        String token = tokens.unsubscribeToken(UUID.fromString(ANA));
        assertThat(mail).contains("/subscriptions/unsubscribe?token=" + token + ">")
                .contains("?subject=unsubscribe%20" + token + ">");
        assertThat(tokens.verifyUnsubscribe(token)).contains(UUID.fromString(ANA));
    }

    @Test
    void aComposedMailSurvivesARealSmtpServer() throws Exception {
        String subscriber = UUID.randomUUID().toString();
        Notification cancelled = OutageNotifications.maintenanceCancelled();
        OutgoingMail sent = composer.compose(delivery(cancelled, subscriber, address(subscriber), "es", 1));
        int before = greenMail.getReceivedMessages().length;

        assertThat(postman.submit(sent).get(10, TimeUnit.SECONDS).accepted()).isTrue();

        assertThat(greenMail.waitForIncomingEmail(10_000, before + 1)).isTrue();
        String id = "<zbox-2015-08c." + subscriber + "@zboxapp.test>";
        MimeMessage received = List.of(greenMail.getReceivedMessages()).stream()
                .filter(m -> id.equals(messageId(m))).findFirst()
                .orElseThrow(() -> new AssertionError("GreenMail did not get " + id));
        assertThat(received.getSubject()).isEqualTo("[ZBox Mail] Mantenimiento cancelado: Activación de un nuevo servidor Mailbox");
        assertThat(received.getFrom()).containsExactly(new InternetAddress(HeraldoServers.FROM));
        assertThat(received.getAllRecipients()).containsExactly(new InternetAddress(address(subscriber)));
        assertThat(header(received, "In-Reply-To")).isEqualTo("<zbox-2015-08." + subscriber + "@zboxapp.test>");
        assertThat(header(received, "List-Unsubscribe")).contains("token=tok-" + subscriber)
                .endsWith("<mailto:" + FROM_ADDRESS + "?subject=unsubscribe%20tok-" + subscriber + ">");
        // The envelope sender (GreenMail writes it as Return-Path) is the VERP address of this delivery.
        String returnPath = header(received, "Return-Path").replaceAll("[<>\\s]", "");
        assertThat(returnPath).matches("ayuda\\+b-[a-z2-7]{45}@zboxapp\\.test");
        assertThat(returnPaths.verify(returnPath)).hasValueSatisfying(v -> {
            assertThat(v.subscriberId()).hasToString(subscriber);
            assertThat(v.isFor(cancelled.id())).isTrue();
        });
        assertThat(header(received, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(header(received, "Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(text(received)).contains(cancelled.body());
        assertThat(html(received)).contains(cancelled.body());
        assertThat(calendar(calendarPart(received)).getMethod().getValue()).isEqualTo("CANCEL");
    }

    // --- helpers ---

    private MimeMessage wire(Notification notification, String recipientId, String locale) throws Exception {
        return reparse(composer.compose(delivery(notification, recipientId, address(recipientId), locale, 1)));
    }

    private MimeMessage reparse(OutgoingMail mail) throws Exception {
        return reparse(EmailComposer.bytes(mail));
    }

    private MimeMessage reparse(MimeMessage message) throws Exception {
        return reparse(bytes(message));
    }

    private MimeMessage reparse(byte[] wire) throws MessagingException {
        return new MimeMessage(postman.session(), new ByteArrayInputStream(wire));
    }

    private static byte[] bytes(MimeMessage message) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static Delivery delivery(Notification notification, String recipientId, String address, String locale,
            int attempt) {
        return new Delivery(Delivery.idOf(notification.id(), "email", recipientId), notification, "email",
                new Recipient(recipientId, address, locale, Map.of(EmailComposer.UNSUBSCRIBE_TOKEN, "tok-" + recipientId)),
                attempt);
    }

    private static String address(String recipientId) {
        return "s-" + recipientId.substring(0, 8) + "@example.com";
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, null);
        assertThat(value).as(name).isNotNull();
        assertThat(message.getHeader(name)).as("one " + name).hasSize(1);
        return MimeUtility.unfold(value);
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> headerNames(MimeMessage message) throws MessagingException {
        Set<String> names = new TreeSet<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            assertThat(names.add(header.getName())).as("one " + header.getName()).isTrue();
        }
        return names;
    }

    /** The text part, line breaks as {@code \n} whatever the transfer encoding made of them. */
    private static String text(MimeMessage message) throws Exception {
        return content(part(message, "text/plain")).replace("\r\n", "\n");
    }

    private static String html(MimeMessage message) throws Exception {
        return content(part(message, "text/html")).replace("\r\n", "\n");
    }

    private static BodyPart calendarPart(MimeMessage message) throws Exception {
        return part(message, "text/calendar");
    }

    private static BodyPart part(MimeMessage message, String type) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(type)) {
                return parts.getBodyPart(i);
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    /** The decoded text of a part; text/calendar has no content handler, so it is read from its stream. */
    private static String content(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Calendar calendar(BodyPart part) throws Exception {
        return new CalendarBuilder().build(new StringReader(content(part)));
    }

    private static VEvent event(BodyPart part) throws Exception {
        List<VEvent> events = calendar(part).getComponents("VEVENT");
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElseThrow(() -> new AssertionError("no " + property));
    }
}
