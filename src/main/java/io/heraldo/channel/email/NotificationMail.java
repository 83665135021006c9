package io.heraldo.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message with the Message-ID Heraldo chose. {@link MimeMessage#saveChanges()} (called again by every send)
 * would put a new random one in, and then a retried delivery would no longer be the same message, nor could later
 * updates name it in {@code In-Reply-To}. An {@link SMTPMessage}, so it carries its own envelope sender (VERP).
 */
final class NotificationMail extends SMTPMessage {

    private final String messageId;

    NotificationMail(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
