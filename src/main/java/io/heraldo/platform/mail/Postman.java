package io.heraldo.platform.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import io.heraldo.platform.mail.OutgoingMail;
import io.heraldo.platform.mail.SmtpRelay;
import io.heraldo.platform.mail.SmtpReply;
import io.quarkus.arc.Unremovable;

/**
 * Hands mail to the SMTP relay: a pool of {@code heraldo.email.pool-size} connections, pipelined where the relay
 * offers it, each exchange bounded by {@code heraldo.email.send-timeout}. Fan-out mail arrives already encoded
 * ({@link OutgoingMail}); the few other mails (confirmations, replies) are written by Jakarta Mail first.
 */
@ApplicationScoped
@Unremovable
public class Postman {

    private final EmailConfig config;
    private final Session session;
    private volatile SmtpRelay relay;

    public Postman(EmailConfig config) {
        this.config = config;
        // For composing MimeMessages only: nothing is sent through Jakarta Mail's transports.
        this.session = Session.getInstance(new Properties());
    }

    /** The session messages are created in. */
    public Session session() {
        return session;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Queues a mail for the relay; the future completes with the relay's verdict. */
    public CompletableFuture<SmtpReply> submit(OutgoingMail mail) {
        if (!config.enabled()) {
            throw new IllegalStateException("email is disabled: set heraldo.email.enabled=true and the SMTP settings");
        }
        return relay().submit(mail);
    }

    /**
     * Sends a message to its recipients (or to {@code to} when given) and waits for the relay's verdict.
     *
     * @throws MessagingException when the relay refused it or could not be reached
     * @throws IllegalStateException when email is disabled
     */
    public void send(MimeMessage message, Address... to) throws MessagingException {
        message.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            message.writeTo(bytes);
        } catch (IOException e) {
            throw new MessagingException("cannot write the message: " + e.getMessage(), e);
        }
        List<String> recipients = new ArrayList<>();
        for (Address address : to.length > 0 ? to : message.getAllRecipients()) {
            recipients.add(((InternetAddress) address).getAddress());
        }
        // A message that names its own envelope sender (a VERP return path) bounces there.
        String envelopeFrom = message instanceof SMTPMessage smtp && smtp.getEnvelopeFrom() != null
                ? smtp.getEnvelopeFrom()
                : config.sender().getAddress();
        OutgoingMail mail = new OutgoingMail(envelopeFrom, recipients, OutgoingMail.dotStuffed(bytes.toByteArray()));
        SmtpReply reply;
        try {
            reply = submit(mail).get(config.sendTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while sending", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new MessagingException("the relay did not answer: " + e.getMessage(), e);
        }
        if (!reply.accepted()) {
            if (reply.code() == 0) {
                throw new MessagingException("the relay did not take the message: " + reply);
            }
            // With its code, as Jakarta Mail reports it: callers tell a refusal for good (5xx) from one for now.
            throw new SMTPSendFailedException("DATA", reply.code(), reply.toString(), null, null, null, null);
        }
    }

    private SmtpRelay relay() {
        SmtpRelay current = relay;
        if (current == null) {
            synchronized (this) {
                if (relay == null) {
                    relay = new SmtpRelay(new SmtpRelay.Settings(config.smtpHost(), config.smtpPort(), config.username(),
                            config.password(), SmtpRelay.TlsMode.valueOf(config.startTls().name()), config.poolSize(),
                            config.sendTimeout(), heloName()));
                }
                current = relay;
            }
        }
        return current;
    }

    private static String heloName() {
        try {
            String name = InetAddress.getLocalHost().getCanonicalHostName();
            return name.matches("[A-Za-z0-9.-]+") ? name : "localhost";
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @PreDestroy
    void close() {
        if (relay != null) {
            relay.close();
        }
    }
}
