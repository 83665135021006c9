package io.heraldo.channel.email;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

import jakarta.activation.DataHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;

import io.heraldo.audience.ReturnPaths;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.Recipient;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.site.Languages;
import io.heraldo.site.SiteMessages;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * Renders one notification for one email subscriber: a multipart/alternative message (text, HTML and, for
 * maintenance, a calendar invitation) in the subscriber's language, with the headers of the contract (section 4):
 * a Message-ID stable per delivery, threading of every update under the first mail about the same incident or
 * maintenance, one-click unsubscribe (RFC 8058) and {@code Auto-Submitted} (RFC 3834).
 */
@ApplicationScoped
public class EmailComposer {

    /** Where the recipient's unsubscribe token is in {@link Recipient#attributes()}. */
    public static final String UNSUBSCRIBE_TOKEN = "unsubscribeToken";

    private static final String UTF_8 = "UTF-8";
    private static final Map<String, DateTimeFormatter> TIME_FORMATS = Map.of(
            "es", DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'de' uuuu, HH:mm O", Locale.forLanguageTag("es")),
            "en", DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu 'at' h:mm a O", Locale.ENGLISH));

    private final InternetAddress from;
    private final String domain;
    private final String pageName;
    private final String publicUrl;
    private final ZoneId zone;
    private final String defaultLocale;
    private final MaintenanceCalendar calendar;
    private final ReturnPaths returnPaths;

    public EmailComposer(HeraldoConfig heraldo, EmailConfig email, ReturnPaths returnPaths) {
        this.returnPaths = returnPaths;
        this.from = email.sender();
        this.domain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.-]", "");
        this.pageName = oneLine(heraldo.page().name());
        this.publicUrl = heraldo.publicUrl().replaceAll("/+$", "");
        this.zone = heraldo.page().timeZone();
        this.defaultLocale = heraldo.defaultLocale();
        String organizer = from.getPersonal() != null ? from.getPersonal() : pageName;
        this.calendar = new MaintenanceCalendar(oneLine(organizer), from.getAddress());
    }

    /**
     * The message of one delivery, ready for {@link Postman#send}. Composing the same delivery again gives the same
     * message, Message-ID included.
     *
     * @throws IllegalArgumentException when the recipient's address is not one email address, or the recipient has
     *         no unsubscribe token: that delivery can never be sent
     */
    private final java.util.Map<RenderKey, Rendered> renderedByNotification = new java.util.concurrent.ConcurrentHashMap<>();

    public MimeMessage compose(Session session, Delivery delivery) {
        Notification notification = delivery.notification();
        Recipient recipient = delivery.recipient();
        InternetAddress to = address(recipient);
        String token = recipient.attributes() == null ? null : recipient.attributes().get(UNSUBSCRIBE_TOKEN);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("recipient " + recipient.id() + " has no " + UNSUBSCRIBE_TOKEN);
        }
        // A locale such as es-CL still means Spanish: read it as a language range too.
        String lang = Languages.choose(recipient.locale(), recipient.locale(), defaultLocale);
        Letter letter = letter(notification, lang, token);

        try {
            NotificationMail message = new NotificationMail(session, messageId(notification.id(), recipient.id()));
            message.setFrom(from);
            // VERP: a bounce comes back to an address that names this delivery (see ReturnPaths).
            message.setEnvelopeFrom(returnPaths.address(recipient.id(), notification.id()).orElse(null));
            message.setReplyTo(new Address[] { from });
            message.setRecipient(RecipientType.TO, to);
            // setSubject encodes non-ASCII text (RFC 2047) and folds; oneLine keeps CR/LF of a title out of the header.
            message.setSubject(oneLine("[" + pageName + "] " + letter.headline()), UTF_8);
            message.setSentDate(Date.from(notification.occurredAt().toInstant()));
            message.setContentLanguage(languages(lang, notification.lang()));
            message.setHeader("Auto-Submitted", "auto-generated");
            // The support mailbox honours "unsubscribe <token>" at once; a bare "unsubscribe" only gets a link back.
            String unsubscribe = "<" + letter.unsubscribeUrl() + ">, <mailto:" + from.getAddress()
                    + "?subject=unsubscribe%20" + urlEncoded(token) + ">";
            message.setHeader("List-Unsubscribe", MimeUtility.fold("List-Unsubscribe: ".length(), unsubscribe));
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            if (threads(notification)) {
                String first = messageId(notification.threadId(), recipient.id());
                message.setHeader("In-Reply-To", first);
                message.setHeader("References", first);
            }

            Rendered rendered = rendered(notification, lang);
            String encodedToken = urlEncoded(token);
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(textPart(rendered.text().replace(TOKEN_PLACEHOLDER, encodedToken), "plain"));
            alternatives.addBodyPart(textPart(rendered.html().replace(TOKEN_PLACEHOLDER, encodedToken), "html"));
            if (letter.calendar()) {
                alternatives.addBodyPart(calendarPart(notification, letter.subjectUrl(), to.getAddress()));
            }
            message.setContent(alternatives);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            // Nothing here talks to a server: a failure is a bug, not a reason to retry.
            throw new IllegalStateException("cannot compose the mail of delivery " + delivery.id(), e);
        }
    }

    /** The text and HTML of a notification in one language, with a placeholder where each reader's token goes. */
    private record Rendered(String text, String html) {
    }

    /** The whole notification, not its id: what is rendered is exactly what it says. */
    private record RenderKey(Notification notification, String lang) {
    }

    /** Letters and URL-safe tokens are made of [A-Za-z0-9_-]: escaping leaves the placeholder as it is. */
    private static final String TOKEN_PLACEHOLDER = "HeraldoUnsubscribeTokenPlaceholder";

    /**
     * Every subscriber of one language gets the same text but for their unsubscribe token: a fan-out of 100,000
     * renders each template once per language instead of once per mail.
     */
    private Rendered rendered(Notification notification, String lang) {
        RenderKey key = new RenderKey(notification, lang);
        Rendered cached = renderedByNotification.get(key);
        if (cached == null) {
            Letter letter = letter(notification, lang, TOKEN_PLACEHOLDER);
            cached = new Rendered(render(letter, "text/plain"), render(letter, "text/html"));
            if (renderedByNotification.size() > 1_000) {
                renderedByNotification.clear();
            }
            renderedByNotification.put(key, cached);
        }
        return cached;
    }

    private Letter letter(Notification notification, String lang, String token) {
        MailMessages mail = MessageBundles.get(MailMessages.class, Localized.Literal.of(lang));
        SiteMessages site = MessageBundles.get(SiteMessages.class, Localized.Literal.of(lang));
        NotificationKind kind = notification.kind();
        String subjectUrl = hasPage(kind) ? publicUrl + "/incidents/" + urlEncoded(notification.subjectId()) : null;
        // When an incident began is news in its updates only; the first mail's own time says it.
        String startedAt = kind.isIncident() && kind != NotificationKind.INCIDENT_OPENED
                ? time(notification.startedAt(), lang)
                : null;
        String unsubscribeUrl = publicUrl + "/subscriptions/unsubscribe?token=" + urlEncoded(token);
        return new Letter(notification, lang, pageName, headline(notification, mail, site), publicUrl + "/", subjectUrl,
                unsubscribeUrl, time(notification.occurredAt(), lang), startedAt, time(notification.scheduledFor(), lang),
                time(notification.scheduledUntil(), lang),
                kind.isMaintenance() && notification.scheduledFor() != null);
    }

    /** What happened, in words: the subject without the page name. */
    private static String headline(Notification notification, MailMessages mail, SiteMessages site) {
        return switch (notification.kind()) {
            case INCIDENT_OPENED, INCIDENT_UPDATED, INCIDENT_RESOLVED -> site.updateStatus(incidentStatus(notification))
                    + ": " + notification.title();
            case MAINTENANCE_SCHEDULED, MAINTENANCE_UPDATED, MAINTENANCE_STARTED, MAINTENANCE_COMPLETED,
                    MAINTENANCE_CANCELLED, MAINTENANCE_REMINDER -> mail.maintenanceHeadline(notification.kind().name())
                            + ": " + notification.title();
            case NOTICE -> notification.title();
            case COMPONENT_CHANGED -> notification.title() + ": " + site.componentStatus(notification.status());
        };
    }

    private static String incidentStatus(Notification notification) {
        if (notification.status() != null) {
            return notification.status();
        }
        return notification.kind() == NotificationKind.INCIDENT_RESOLVED ? "resolved" : "investigating";
    }

    private static boolean hasPage(NotificationKind kind) {
        return kind.isIncident() || kind.isMaintenance();
    }

    /** Later news of an incident or maintenance answers the first mail about it, so mail clients keep them together. */
    private static boolean threads(Notification notification) {
        return hasPage(notification.kind()) && notification.threadId() != null
                && !notification.threadId().equals(notification.id());
    }

    private static TemplateInstance template(Letter letter) {
        return switch (letter.notification().kind()) {
            case INCIDENT_OPENED, INCIDENT_UPDATED, INCIDENT_RESOLVED -> EmailTemplates.incident(letter);
            case NOTICE -> EmailTemplates.notice(letter);
            case COMPONENT_CHANGED -> EmailTemplates.component(letter);
            default -> EmailTemplates.maintenance(letter);
        };
    }

    private static String render(Letter letter, String contentType) {
        Locale locale = Locale.forLanguageTag(letter.lang());
        return template(letter)
                .setAttribute(TemplateInstance.SELECTED_VARIANT, new Variant(locale, contentType, UTF_8))
                .setLocale(locale)
                .render();
    }

    private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, UTF_8, subtype);
        return part;
    }

    private MimeBodyPart calendarPart(Notification notification, String url, String attendee)
            throws MessagingException {
        String type = "text/calendar; charset=UTF-8; method=" + MaintenanceCalendar.method(notification.kind());
        MimeBodyPart part = new MimeBodyPart();
        // A data source, not setText: Jakarta Mail has no content handler for text/calendar.
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(
                calendar.write(notification, url, attendee).getBytes(StandardCharsets.UTF_8), type)));
        return part;
    }

    /**
     * {@code <notification.recipient@domain>}: the same for every attempt of a delivery, different for every
     * delivery. Characters other than letters, digits and '-' become "_XX" (their UTF-8 octets in hex), so the
     * id stays a valid msg-id and two different ids never meet ("a:b" and "a_b" stay apart).
     */
    String messageId(String notificationId, String recipientId) {
        return "<" + idPart(notificationId) + "." + idPart(recipientId) + "@" + domain + ">";
    }

    static String idPart(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-')) {
                out.append(c);
            } else {
                out.append('_').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static InternetAddress address(Recipient recipient) {
        String address = recipient.address();
        if (address == null || address.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("recipient " + recipient.id() + ": not an email address");
        }
        try {
            // Strict parsing refuses lists ("a@x, b@y") and keeps only the address: nobody else gets on the header.
            return new InternetAddress(new InternetAddress(address, true).getAddress());
        } catch (AddressException e) {
            throw new IllegalArgumentException(
                    "recipient " + recipient.id() + ": '" + address + "' is not an email address", e);
        }
    }

    private String time(OffsetDateTime time, String lang) {
        if (time == null) {
            return null;
        }
        DateTimeFormatter format = TIME_FORMATS.getOrDefault(lang, TIME_FORMATS.get("en"));
        return format.format(time.atZoneSameInstant(zone)) + " (" + zone.getId() + ")";
    }

    private static String urlEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The recipient's language first; the producer's too when the body is written in another. */
    private static String[] languages(String lang, String bodyLang) {
        if (bodyLang == null || bodyLang.isBlank() || bodyLang.equalsIgnoreCase(lang)) {
            return new String[] { lang };
        }
        return new String[] { lang, oneLine(bodyLang).replace(" ", "") };
    }

    /** Text that goes into a header: no line breaks (a CR/LF would start a new header), no other controls. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[\\p{Cc}\\u2028\\u2029]+", " ").trim();
    }
}
