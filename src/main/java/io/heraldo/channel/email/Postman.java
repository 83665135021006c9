package io.heraldo.channel.email;

import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.jboss.logging.Logger;

/**
 * Hands mail to the SMTP relay over a pool of open connections ({@code heraldo.email.pool-size}), each exchange
 * bounded by {@code heraldo.email.send-timeout}. A connection that failed is closed and opened again on next use.
 */
@ApplicationScoped
@io.quarkus.arc.Unremovable
public class Postman {

    private static final Logger LOG = Logger.getLogger(Postman.class);

    private final EmailConfig config;
    private final Session session;
    private final BlockingQueue<Transport> idle;

    public Postman(EmailConfig config) {
        this.config = config;
        this.session = Session.getInstance(properties(config));
        this.idle = new ArrayBlockingQueue<>(config.poolSize());
        for (int i = 0; i < config.poolSize(); i++) {
            try {
                idle.add(session.getTransport("smtp"));
            } catch (MessagingException e) {
                throw new IllegalStateException("no SMTP transport", e);
            }
        }
    }

    /** The session messages are created in. */
    public Session session() {
        return session;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * Sends a message to its recipients (or to {@code to} when given).
     *
     * @throws MessagingException as the relay answered: {@code SMTPAddressFailedException},
     *         {@code SMTPSendFailedException} (with the SMTP code) or a connection failure
     * @throws IllegalStateException when email is disabled
     */
    public void send(MimeMessage message, Address... to) throws MessagingException {
        if (!config.enabled()) {
            throw new IllegalStateException("email is disabled: set heraldo.email.enabled=true and the SMTP settings");
        }
        Transport transport = borrow();
        boolean healthy = false;
        try {
            if (!transport.isConnected()) {
                transport.connect(config.smtpHost(), config.smtpPort(), config.username().orElse(null),
                        config.password().orElse(null));
            }
            // The composer saved the message; writing it saves it again only if it changed since.
            transport.sendMessage(message, to.length > 0 ? to : message.getAllRecipients());
            healthy = true;
        } finally {
            if (!healthy) {
                closeQuietly(transport);
            }
            idle.add(transport);
        }
    }

    private Transport borrow() throws MessagingException {
        try {
            Transport transport = idle.poll(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (transport == null) {
                throw new MessagingException("no SMTP connection free within " + config.sendTimeout());
            }
            return transport;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while waiting for an SMTP connection", e);
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debugf("Closing a failed SMTP connection: %s", e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        idle.forEach(Postman::closeQuietly);
    }

    static Properties properties(EmailConfig config) {
        Properties props = new Properties();
        String timeout = Long.toString(config.sendTimeout().toMillis());
        props.put("mail.smtp.host", config.smtpHost());
        props.put("mail.smtp.port", Integer.toString(config.smtpPort()));
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        props.put("mail.smtp.auth", Boolean.toString(config.username().isPresent()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls() != EmailConfig.StartTls.DISABLED));
        props.put("mail.smtp.starttls.required", Boolean.toString(config.startTls() == EmailConfig.StartTls.REQUIRED));
        // Report every refused recipient instead of failing the whole message at the first one.
        props.put("mail.smtp.reportsuccess", "false");
        props.put("mail.smtp.sendpartial", "true");
        return props;
    }
}
