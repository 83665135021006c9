package io.heraldo.audience;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.platform.mail.Postman;

/**
 * Double opt-in: a subscription request stores the subscriber as pending and queues a confirmation link; the link
 * confirms; the unsubscribe link ends it at once. Answers never tell whether an address was known, neither by what
 * they say nor by how long they take: no mail is sent on the request's path ({@link ConfirmationSender} does it).
 */
@ApplicationScoped
public class Subscriptions {

    static final String EMAIL_DISABLED = "subscriptions are unavailable: this status page sends no email "
            + "(heraldo.email.enabled is false)";

    /** What became of a subscription request. */
    public sealed interface Outcome {
    }

    /** Taken: a confirmation mail is on its way, or the address was confirmed already. */
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
    private final SubscriptionLimits limits;
    private final ConfirmationSender sender;
    private final Postman postman;

    public Subscriptions(SubscriberRepository repository, SubscriberTokens tokens, SubscriptionLimits limits,
            ConfirmationSender sender, Postman postman) {
        this.repository = repository;
        this.tokens = tokens;
        this.limits = limits;
        this.sender = sender;
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
        // A new opt-in queues its mail in the same transaction; a confirmed address changes nothing. Either way the
        // answer is the same, and so is its path: one short transaction, and the sender woken for a moment later.
        repository.optIn(request.email(), request.locale(), request.components(), request.kinds());
        sender.wake();
        return new Accepted();
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

    // --- the subscriber's own page: its token is of its own purpose, neither a confirmation nor an unsubscribe one ---

    /** The subscriber the link of their own page is for, without changing anything. */
    public Optional<Subscriber> managing(String token) {
        return tokens.verifyManage(token).flatMap(repository::byId);
    }

    /**
     * New language, components and kinds from the subscriber's own page, written with its outbox row; empty when the
     * link is not valid.
     *
     * @throws InvalidFieldException naming the field at fault
     */
    public Optional<Subscriber> changePreferences(String token, String locale, List<String> components, Kinds kinds) {
        return tokens.verifyManage(token).flatMap(id -> repository.changePreferences(id, locale, components, kinds));
    }

    /** Unsubscribes from the subscriber's own page; empty when the link is not valid. */
    public Optional<Subscriber> unsubscribeManaged(String token) {
        return tokens.verifyManage(token).flatMap(repository::unsubscribe);
    }
}
