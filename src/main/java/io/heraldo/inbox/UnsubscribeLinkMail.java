package io.heraldo.inbox;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import io.heraldo.audience.Subscriber;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.mail.EmailConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * The answer to an unsubscribe by mail that carries no valid token: its {@code From} may be anyone's, so nothing is
 * done; the subscriber gets, at their own address, the link that unsubscribes with one click.
 */
@ApplicationScoped
public class UnsubscribeLinkMail {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance text(String page, String email, String link);

        static native TemplateInstance html(String page, String email, String link, String lang);
    }

    private final InternetAddress from;
    private final String pageName;

    public UnsubscribeLinkMail(HeraldoConfig heraldo, EmailConfig email) {
        this.from = email.sender();
        this.pageName = heraldo.page().name().replaceAll("[\\r\\n]+", " ");
    }

    /**
     * @param link the subscriber's unsubscribe link
     * @param messageId the Message-ID of the request, or {@code null}
     * @param references its {@code References}
     */
    public MimeMessage compose(Session session, Subscriber subscriber, String link, String messageId,
            List<String> references) throws MessagingException {
        String lang = subscriber.locale();
        Locale locale = Locale.forLanguageTag(lang);
        InboxMessages words = MessageBundles.get(InboxMessages.class, Localized.Literal.of(lang));
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setReplyTo(new InternetAddress[] { from });
        // The stored address, not what the request's From said.
        message.setRecipient(RecipientType.TO, new InternetAddress(subscriber.email(), true));
        message.setSubject(words.unsubscribeSubject(pageName), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-replied");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setHeader("Content-Language", lang);
        if (messageId != null) {
            message.setHeader("In-Reply-To", messageId);
            List<String> thread = new ArrayList<>(references);
            thread.add(messageId);
            message.setHeader("References", MimeUtility.fold("References: ".length(), String.join(" ", thread)));
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(Templates.text(pageName, subscriber.email(), link).setLocale(locale).render(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(Templates.html(pageName, subscriber.email(), link, lang).setLocale(locale).render(), "UTF-8",
                "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }
}
