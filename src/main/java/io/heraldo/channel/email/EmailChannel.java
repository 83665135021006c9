package io.heraldo.channel.email;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import io.heraldo.audience.SubscriberRepository;
import io.heraldo.audience.SubscriberTokens;
import io.heraldo.channel.Channel;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.Recipient;
import io.heraldo.channel.SendResult;

/**
 * Email to confirmed subscribers: those who follow a component the change touches, or everything. Rendering is the
 * {@link EmailComposer}'s, sending the {@link Postman}'s; this class decides who and reads the relay's answer.
 */
@ApplicationScoped
public class EmailChannel implements Channel {

    public static final String NAME = "email";

    private final EmailConfig config;
    private final Postman postman;
    private final EmailComposer composer;
    private final SubscriberRepository subscribers;
    private final SubscriberTokens tokens;

    public EmailChannel(EmailConfig config, Postman postman, EmailComposer composer, SubscriberRepository subscribers,
            SubscriberTokens tokens) {
        this.config = config;
        this.postman = postman;
        this.composer = composer;
        this.subscribers = subscribers;
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean wants(Notification notification) {
        return config.enabled()
                && (notification.kind() != NotificationKind.COMPONENT_CHANGED || config.componentChanges());
    }

    @Override
    public List<Recipient> recipients(Notification notification, String afterId, int limit) {
        // A notice is for everyone; anything else for those who follow one of its components (or everything).
        Collection<String> touched = notification.kind() == NotificationKind.NOTICE ? List.of() : notification.componentIds();
        UUID after = afterId == null ? null : UUID.fromString(afterId);
        return subscribers.confirmedFollowing(touched, after, limit).stream()
                .map(s -> new Recipient(s.id().toString(), s.email(), s.locale(),
                        Map.of(EmailComposer.UNSUBSCRIBE_TOKEN, tokens.unsubscribeToken(s.id()))))
                .toList();
    }

    @Override
    public SendResult send(Delivery delivery) {
        try {
            MimeMessage message = composer.compose(postman.session(), delivery);
            postman.send(message);
            return new SendResult.Sent(250, message.getMessageID());
        } catch (MessagingException e) {
            return classify(e);
        } catch (IllegalArgumentException e) {
            // An address or token that can never make a mail: retrying will not help.
            return new SendResult.Failed(SendResult.reason(e.getMessage(), 500, "SMTP failure"), null);
        }
    }

    /** SMTP 5xx about the recipient or the message will not pass; 4xx, timeouts and lost connections may. */
    static SendResult classify(MessagingException e) {
        Integer code = null;
        for (Throwable cause = e; cause != null; cause = next(cause)) {
            if (cause instanceof SMTPAddressFailedException refused) {
                code = refused.getReturnCode();
                break;
            }
            if (cause instanceof SMTPSendFailedException failed) {
                code = failed.getReturnCode();
                break;
            }
        }
        String reason = SendResult.reason(e.getMessage(), 500, "SMTP failure");
        if (code != null && code >= 500) {
            return new SendResult.Failed(reason, code);
        }
        return new SendResult.Retry(reason, code, null);
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof MessagingException messaging && messaging.getNextException() != null
                && messaging.getNextException() != cause) {
            return messaging.getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }


    /** Twice the connections: each connection has its next mail at hand when the one before is accepted. */
    @Override
    public int concurrency() {
        return 2 * config.poolSize();
    }

    /** A mass audience: a subscriber's delivery costs a row only when it fails or waits for a retry. */
    @Override
    public boolean logsEveryDelivery() {
        return false;
    }
}
