package io.heraldo.channel.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.heraldo.audience.ReturnPaths;
import io.heraldo.audience.SubscriberTokens;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.Recipient;
import io.heraldo.channel.email.MailTemplate.Slot;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Languages;
import io.heraldo.platform.mail.EmailConfig;
import io.heraldo.platform.mail.OutgoingMail;
import io.heraldo.platform.mail.Postman;
import io.heraldo.site.feed.ICalendar;

/**
 * Writes one notification for one email subscriber: a multipart/alternative message (text, HTML and, for
 * maintenance, a calendar invitation) in the subscriber's language, with the headers of the contract (section 4):
 * a Message-ID stable per delivery, threading of every update under the first mail about the same incident or
 * maintenance, one-click unsubscribe (RFC 8058), a link to the reader's own page and {@code Auto-Submitted}
 * (RFC 3834).
 * <p>
 * A notification is rendered and encoded once per language ({@link MailLayout}); each subscriber's mail is those
 * bytes with the subscriber's address, ids and tokens spliced in.
 */
@ApplicationScoped
public class EmailComposer {

    /** Where the recipient's unsubscribe token is in {@link Recipient#attributes()}. */
    public static final String UNSUBSCRIBE_TOKEN = "unsubscribeToken";

    /** Readers who were not sent the same earlier updates get the same mail: {@code carried} is part of the key. */
    private record TemplateKey(Notification notification, List<Notification> carried, String lang) {
    }

    private final InternetAddress from;
    private final String domain;
    private final String defaultLocale;
    private final MailLayout layout;
    private final ReturnPaths returnPaths;
    private final SubscriberTokens tokens;
    /** One template per notification and language; a fan-out needs a handful at a time. */
    private final Cache<TemplateKey, MailTemplate> templates = Caffeine.newBuilder().maximumSize(200).build();
    /** A subscriber's locale ({@code es-CL}) read as one of the page's languages, once per distinct locale. */
    private final Map<String, String> languageOfLocale = new ConcurrentHashMap<>();

    public EmailComposer(HeraldoConfig heraldo, EmailConfig email, ReturnPaths returnPaths, SubscriberTokens tokens) {
        this.returnPaths = returnPaths;
        this.tokens = tokens;
        this.from = email.sender();
        this.domain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.-]", "");
        this.defaultLocale = heraldo.defaultLocale();
        String pageName = MailLayout.oneLine(heraldo.page().name());
        String organizer = from.getPersonal() != null ? from.getPersonal() : pageName;
        ZoneId zone = heraldo.page().timeZone();
        this.layout = new MailLayout(from, pageName, heraldo.publicUrl().replaceAll("/+$", ""), zone,
                new MaintenanceCalendar(MailLayout.oneLine(organizer), from.getAddress()), "hrld"
                        + UUID.randomUUID().toString().replace("-", ""), "hrlm"
                        + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * The mail of one delivery, ready for {@link Postman#submit}. Composing the same delivery again gives the same
     * bytes, Message-ID included.
     *
     * @throws IllegalArgumentException when the recipient's address is not one email address, or the recipient is not
     *         a subscriber id: that delivery can never be sent
     */
    public OutgoingMail compose(Delivery delivery) {
        Notification notification = delivery.notification();
        Recipient recipient = delivery.recipient();
        String to = address(recipient);
        String token = unsubscribeToken(recipient);
        String lang = language(recipient.locale());
        TemplateKey key = new TemplateKey(notification, delivery.carried(), lang);
        // the texts in the subscriber's language, else the default locale's, else the first given
        MailTemplate template = templates.get(key, k -> layout.template(k.notification().in(k.lang()),
                k.carried().stream().map(earlier -> earlier.in(k.lang())).toList(), k.lang()));

        Map<Slot, byte[]> values = MailTemplate.values();
        values.put(Slot.TO, ascii(to));
        values.put(Slot.MESSAGE_ID, ascii(messageId(notification.id(), recipient.id())));
        String encodedToken = URLEncoder.encode(token, StandardCharsets.UTF_8);
        values.put(Slot.UNSUBSCRIBE_TOKEN, ascii(encodedToken));
        values.put(Slot.MANAGE_TOKEN, ascii(manageToken(recipient)));
        // The support mailbox honours "unsubscribe <token>" at once; a bare "unsubscribe" only gets a link back.
        values.put(Slot.MAILTO_SUBJECT, ascii("unsubscribe%20" + encodedToken));
        if (template.uses(Slot.THREAD_ID)) {
            values.put(Slot.THREAD_ID, ascii(messageId(notification.threadId(), recipient.id())));
        }
        if (template.uses(Slot.ATTENDEE)) {
            StringBuilder line = new StringBuilder();
            ICalendar.line(line, "ATTENDEE;RSVP=FALSE:mailto:" + to);
            values.put(Slot.ATTENDEE, MailTemplate.quotedPrintableLine(line.toString()));
        }
        // VERP: a bounce comes back to an address that names this delivery (see ReturnPaths).
        String envelopeFrom = returnPaths.address(recipient.id(), notification.id()).orElse(from.getAddress());
        return new OutgoingMail(envelopeFrom, List.of(to), out -> template.writeTo(out, values));
    }

    /**
     * The unsubscribe token a page planned by an earlier version carries, else made here from the subscriber id (the
     * same token): pages no longer carry it, which kept 100 of their 270 bytes per reader.
     */
    private String unsubscribeToken(Recipient recipient) {
        String carried = recipient.attributes() == null ? null : recipient.attributes().get(UNSUBSCRIBE_TOKEN);
        return carried != null && !carried.isBlank() ? carried : tokens.unsubscribeToken(subscriberId(recipient));
    }

    /**
     * The token of the reader's own page, made here from the subscriber id rather than carried with the recipient:
     * deliveries planned before the page existed link it too.
     */
    private String manageToken(Recipient recipient) {
        return tokens.manageToken(subscriberId(recipient));
    }

    private static UUID subscriberId(Recipient recipient) {
        try {
            return UUID.fromString(recipient.id());
        } catch (IllegalArgumentException notAnId) {
            throw new IllegalArgumentException("recipient " + recipient.id() + " is not a subscriber id", notAnId);
        }
    }

    /** What a reader of {@code lang} would get: the subject and the text, for a preview. Nothing is sent. */
    public MailPreview preview(Notification notification, String lang) {
        return layout.preview(notification, language(lang));
    }

    /** The bytes of a composed mail, as the relay gets them (dots doubled, CRLF lines). */
    static byte[] bytes(OutgoingMail mail) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            mail.body().writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String language(String locale) {
        String key = locale == null ? "" : locale;
        // A locale such as es-CL still means Spanish: read it as a language range too.
        return languageOfLocale.computeIfAbsent(key, l -> Languages.choose(locale, locale, defaultLocale));
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

    /** The recipient's address alone, checked: nobody else gets on the header or the envelope. */
    private static String address(Recipient recipient) {
        String address = recipient.address();
        if (address == null || address.chars().anyMatch(c -> Character.isISOControl(c) || c > 126)) {
            throw new IllegalArgumentException("recipient " + recipient.id() + ": not an email address");
        }
        try {
            // Strict parsing refuses lists ("a@x, b@y") and keeps only the address.
            InternetAddress parsed = new InternetAddress(address, true);
            if (parsed.getPersonal() != null || !parsed.getAddress().equals(address.trim())) {
                throw new IllegalArgumentException("recipient " + recipient.id() + ": '" + address
                        + "' is not one bare email address");
            }
            return parsed.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException(
                    "recipient " + recipient.id() + ": '" + address + "' is not an email address", e);
        }
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
