package io.heraldo.channel.email;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.email.MailTemplate.Slot;
import io.heraldo.site.SiteMessages;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * The shape of a notification mail in one language: its headers, its text and HTML (Qute templates) and, for
 * maintenance, its calendar, encoded once into a {@link MailTemplate} whose slots take each reader's values.
 */
final class MailLayout {

    private static final String UTF_8 = "UTF-8";
    private static final Map<String, DateTimeFormatter> TIME_FORMATS = Map.of(
            "es", DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'de' uuuu, HH:mm O", Locale.forLanguageTag("es")),
            "en", DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu 'at' h:mm a O", Locale.ENGLISH),
            "pt", DateTimeFormatter.ofPattern("EEEE, d 'de' MMMM 'de' uuuu, HH:mm O", Locale.forLanguageTag("pt")));
    /** RFC 5322 date-time. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM uuuu HH:mm:ss Z",
            Locale.ENGLISH);
    private static final String ATTENDEE_MARK = "attendee.placeholder@heraldo.invalid";

    private final InternetAddress from;
    private final String pageName;
    private final String publicUrl;
    private final ZoneId zone;
    private final MaintenanceCalendar calendar;
    /**
     * Where a reader's token goes in the rendered text: random per process, so no event text can spell it and have a
     * reader's token put in its place.
     */
    private final String tokenMark;
    /** Where the token of the reader's own page goes, random like {@link #tokenMark}. */
    private final String manageMark;

    MailLayout(InternetAddress from, String pageName, String publicUrl, ZoneId zone, MaintenanceCalendar calendar,
            String tokenMark, String manageMark) {
        this.from = from;
        this.pageName = pageName;
        this.publicUrl = publicUrl;
        this.zone = zone;
        this.calendar = calendar;
        this.tokenMark = tokenMark;
        this.manageMark = manageMark;
    }

    MailTemplate template(Notification notification, String lang) {
        return template(notification, List.of(), lang);
    }

    /** @param carried earlier updates the reader was not sent, newest first, in the reader's language */
    MailTemplate template(Notification notification, List<Notification> carried, String lang) {
        Letter letter = letter(notification, carried, lang);
        String boundary = "=_heraldo_" + UUID.randomUUID().toString().replace("-", "");
        MailTemplate.Builder mail = MailTemplate.builder();
        mail.raw("Date: " + DATE.format(notification.occurredAt()) + "\r\n");
        mail.raw("From: " + MimeUtility.fold(6, from.toString()) + "\r\n");
        mail.raw("Reply-To: " + MimeUtility.fold(10, from.toString()) + "\r\n");
        mail.raw("To: ").slot(Slot.TO).raw("\r\n");
        mail.raw("Message-ID: ").slot(Slot.MESSAGE_ID).raw("\r\n");
        // Encoded (RFC 2047) when not ASCII; oneLine keeps CR/LF of a title out of the header.
        mail.raw("Subject: " + MimeUtility.fold(9, encoded(oneLine("[" + pageName + "] " + letter.headline()))) + "\r\n");
        mail.raw("MIME-Version: 1.0\r\n");
        mail.raw("Content-Type: multipart/alternative;\r\n\tboundary=\"" + boundary + "\"\r\n");
        mail.raw("Content-Language: " + languages(lang, notification.lang()) + "\r\n");
        mail.raw("Auto-Submitted: auto-generated\r\n");
        mail.raw("List-Unsubscribe: <" + publicUrl + "/subscriptions/unsubscribe?token=").slot(Slot.UNSUBSCRIBE_TOKEN)
                .raw(">,\r\n <mailto:" + from.getAddress() + "?subject=").slot(Slot.MAILTO_SUBJECT).raw(">\r\n");
        mail.raw("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
        if (threads(notification)) {
            mail.raw("In-Reply-To: ").slot(Slot.THREAD_ID).raw("\r\n");
            mail.raw("References: ").slot(Slot.THREAD_ID).raw("\r\n");
        }
        mail.raw("\r\n");
        Map<String, Slot> marks = Map.of(tokenMark, Slot.UNSUBSCRIBE_TOKEN, manageMark, Slot.MANAGE_TOKEN);
        part(mail, boundary, "text/plain; charset=UTF-8");
        mail.quotedPrintable(render(letter, "text/plain"), marks);
        part(mail, boundary, "text/html; charset=UTF-8");
        mail.quotedPrintable(render(letter, "text/html"), marks);
        if (letter.calendar()) {
            part(mail, boundary, "text/calendar; charset=UTF-8; method=" + MaintenanceCalendar.method(notification.kind()));
            calendarPart(mail, notification, letter.subjectUrl());
        }
        mail.raw("\r\n--" + boundary + "--\r\n");
        return mail.build();
    }

    /** The subject and text part a reader of {@code lang} would get; the unsubscribe link shows no token. */
    MailPreview preview(Notification notification, String lang) {
        Letter letter = letter(notification, List.of(), lang);
        return new MailPreview(oneLine("[" + pageName + "] " + letter.headline()),
                render(letter, "text/plain").replace(tokenMark, "…"));
    }

    private static void part(MailTemplate.Builder mail, String boundary, String contentType) {
        // The line break before a boundary belongs to it (RFC 2046): the first part's boundary needs none before.
        mail.raw("\r\n--" + boundary + "\r\nContent-Type: " + contentType
                + "\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
    }

    /** The calendar of a maintenance; a cancellation names its attendee, the reader, on a line of its own. */
    private void calendarPart(MailTemplate.Builder mail, Notification notification, String url) {
        boolean cancelled = notification.kind() == NotificationKind.MAINTENANCE_CANCELLED;
        String ics = calendar.write(notification, url, cancelled ? ATTENDEE_MARK : null);
        int mark = ics.indexOf(ATTENDEE_MARK);
        if (mark < 0) {
            mail.quotedPrintable(ics, Map.of());
            return;
        }
        int lineStart = ics.lastIndexOf("\r\n", mark) + 2;
        int lineEnd = ics.indexOf("\r\n", mark) + 2;
        mail.quotedPrintable(ics.substring(0, lineStart), Map.of());
        mail.quotedPrintableLine(Slot.ATTENDEE);
        mail.quotedPrintable(ics.substring(lineEnd), Map.of());
    }

    private Letter letter(Notification notification, List<Notification> carried, String lang) {
        MailMessages mail = MessageBundles.get(MailMessages.class, Localized.Literal.of(lang));
        SiteMessages site = MessageBundles.get(SiteMessages.class, Localized.Literal.of(lang));
        NotificationKind kind = notification.kind();
        String subjectUrl = hasPage(kind) ? publicUrl + "/incidents/" + urlEncoded(notification.subjectId()) : null;
        // When an incident began is news in its updates only; the first mail's own time says it.
        String startedAt = kind.isIncident() && kind != NotificationKind.INCIDENT_OPENED
                ? time(notification.startedAt(), lang)
                : null;
        String unsubscribeUrl = publicUrl + "/subscriptions/unsubscribe?token=" + tokenMark;
        String manageUrl = publicUrl + "/subscriptions/manage?token=" + manageMark;
        List<Letter.Earlier> earlier = carried.stream().map(update -> new Letter.Earlier(
                headline(update, mail, site), time(update.occurredAt(), lang), update.body(), update.lang())).toList();
        return new Letter(notification, lang, pageName, headline(notification, mail, site), publicUrl + "/", subjectUrl,
                unsubscribeUrl, manageUrl, time(notification.occurredAt(), lang), startedAt, time(notification.scheduledFor(), lang),
                time(notification.scheduledUntil(), lang),
                kind.isMaintenance() && notification.scheduledFor() != null, earlier);
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

    private String time(OffsetDateTime time, String lang) {
        if (time == null) {
            return null;
        }
        DateTimeFormatter format = TIME_FORMATS.getOrDefault(lang, TIME_FORMATS.get("en"));
        return format.format(time.atZoneSameInstant(zone)) + " (" + zone.getId() + ")";
    }

    private static String encoded(String text) {
        try {
            return MimeUtility.encodeText(text, UTF_8, null);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String urlEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The recipient's language first; the producer's too when the body is written in another. */
    private static String languages(String lang, String bodyLang) {
        if (bodyLang == null || bodyLang.isBlank() || bodyLang.equalsIgnoreCase(lang)) {
            return lang;
        }
        return lang + ", " + oneLine(bodyLang).replaceAll("[^A-Za-z0-9-]", "");
    }

    /** Text that goes into a header: no line breaks (a CR/LF would start a new header), no other controls. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[\\p{Cc}\\u2028\\u2029]+", " ").trim();
    }
}
