package io.heraldo.audience;

import java.util.Date;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

import org.eclipse.angus.mail.smtp.SMTPMessage;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.mail.EmailConfig;
import io.heraldo.platform.mail.Postman;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * The double opt-in mail: text and HTML in the subscriber's language, with the confirmation link. An
 * {@link SMTPMessage}, so the sender can give it its own envelope sender (VERP).
 */
@ApplicationScoped
public class ConfirmationMail {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance text(String page, String email, String link, String components, String kinds);

        static native TemplateInstance html(String page, String email, String link, String components, String kinds,
                String lang);
    }

    private final Postman postman;
    private final EmailConfig email;
    private final HeraldoConfig config;

    public ConfirmationMail(Postman postman, EmailConfig email, HeraldoConfig config) {
        this.postman = postman;
        this.email = email;
        this.config = config;
    }

    public SMTPMessage compose(Subscriber subscriber, String link) throws MessagingException {
        String lang = subscriber.locale();
        Locale locale = Locale.forLanguageTag(lang);
        String page = config.page().name();
        AudienceMessages words = MessageBundles.get(AudienceMessages.class, Localized.Literal.of(lang));

        SMTPMessage message = new SMTPMessage(postman.session());
        InternetAddress[] from = InternetAddress.parse(email.from());
        message.addFrom(from);
        message.setReplyTo(from);
        message.setRecipient(RecipientType.TO, new InternetAddress(subscriber.email()));
        message.setSubject(words.confirmSubject(page), "UTF-8");
        message.setSentDate(new Date());
        // RFC 3834: automatic, so vacation responders and the support mailbox do not answer it.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("Content-Language", lang);

        // Empty: every component.
        String components = String.join(", ", subscriber.components());
        MimeBodyPart text = new MimeBodyPart();
        String kinds = subscriber.kinds().wire();
        text.setText(Templates.text(page, subscriber.email(), link, components, kinds).setLocale(locale).render(),
                "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(Templates.html(page, subscriber.email(), link, components, kinds, lang).setLocale(locale)
                .render(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }
}
