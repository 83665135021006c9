package io.heraldo.audience;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;

import org.jboss.logging.Logger;

import io.heraldo.channel.email.Postman;

/**
 * Double opt-in: a subscription request stores the subscriber as pending and mails a confirmation link; the link
 * confirms; the unsubscribe link ends it at once. Answers never tell whether an address was known.
 */
@ApplicationScoped
public class Subscriptions {

    private static final Logger LOG = Logger.getLogger(Subscriptions.class);

    static final String EMAIL_DISABLED = "subscriptions are unavailable: this status page sends no email "
            + "(heraldo.email.enabled is false)";
    static final String MAIL_FAILED = "could not send the confirmation mail, try again later";

    /** What became of a subscription request. */
    public sealed interface Outcome {
    }

    /** Taken: a confirmation mail was sent, or the address was confirmed already. */
    public record Accepted() implements Outcome {
    }

    /** Too many requests for this address. */
    public record Limited(Duration retryAfter) implements Outcome {
    }

    /** Nothing could be done now; the reason is for the caller. */
    public record Unavailable(String reason) implements Outcome {
    }

    private final SubscriberRepository repository;
    private final SubscriberTokens tokens;
    private final SubscriberLinks links;
    private final SubscriptionLimits limits;
    private final ConfirmationMail mail;
    private final Postman postman;

    public Subscriptions(SubscriberRepository repository, SubscriberTokens tokens, SubscriberLinks links,
            SubscriptionLimits limits, ConfirmationMail mail, Postman postman) {
        this.repository = repository;
        this.tokens = tokens;
        this.links = links;
        this.limits = limits;
        this.mail = mail;
        this.postman = postman;
    }

    public Outcome subscribe(SubscriptionRequest request) {
        if (!postman.enabled()) {
            return new Unavailable(EMAIL_DISABLED);
        }
        Optional<Duration> wait = limits.email(request.email());
        if (wait.isPresent()) {
            return new Limited(wait.get());
        }
        SubscriberRepository.OptInResult result = repository.optIn(request.email(), request.locale(),
                request.components());
        if (result.outcome() == SubscriberRepository.OptIn.ALREADY_CONFIRMED) {
            return new Accepted();
        }
        StoredSubscriber pending = result.subscriber();
        try {
            // Sent after the commit, so the link's nonce is stored; a failure leaves the subscriber pending.
            postman.send(mail.compose(pending.subscriber(),
                    links.confirm(pending.subscriber().id(), pending.confirmNonce())));
            return new Accepted();
        } catch (MessagingException | RuntimeException e) {
            LOG.warnf("Confirmation mail for subscriber %s not sent: %s", pending.subscriber().id(), e.getMessage());
            return new Unavailable(MAIL_FAILED);
        }
    }

    /** The subscriber a confirmation link confirmed (again, when it already was); empty when the link is not valid. */
    public Optional<Subscriber> confirm(String token) {
        Optional<StoredSubscriber> claimed = tokens.claimedId(token).flatMap(repository::storedById);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        String nonce = claimed.get().confirmNonce();
        Optional<UUID> id = tokens.verifyConfirm(token, nonce);
        if (id.isEmpty() || repository.confirm(id.get(), nonce) == SubscriberRepository.Confirmation.INVALID) {
            return Optional.empty();
        }
        return repository.byId(id.get());
    }

    /** The subscriber an unsubscribe link is for, without changing anything. */
    public Optional<Subscriber> unsubscribing(String token) {
        return tokens.verifyUnsubscribe(token).flatMap(repository::byId);
    }

    /** Unsubscribes at once (again, when already done); empty when the link is not valid. */
    public Optional<Subscriber> unsubscribe(String token) {
        return tokens.verifyUnsubscribe(token).flatMap(repository::unsubscribe);
    }
}
