package io.heraldo.channel.email;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.audience.SubscriberRepository;
import io.heraldo.channel.Channel;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.KindRules;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.Recipient;
import io.heraldo.channel.SendResult;
import io.heraldo.platform.mail.EmailConfig;
import io.heraldo.platform.mail.OutgoingMail;
import io.heraldo.platform.mail.Postman;
import io.heraldo.platform.mail.SmtpReply;

/**
 * Email to confirmed subscribers: those who follow a component the change touches, or everything, and whose
 * {@code kinds} want the notification ({@link KindRules}), so no delivery is even planned for the others. Rendering is the
 * {@link EmailComposer}'s, sending the {@link Postman}'s; this class decides who and reads the relay's answer.
 */
@ApplicationScoped
public class EmailChannel implements Channel {

    public static final String NAME = "email";

    private final EmailConfig config;
    private final Postman postman;
    private final EmailComposer composer;
    private final SubscriberRepository subscribers;

    public EmailChannel(EmailConfig config, Postman postman, EmailComposer composer, SubscriberRepository subscribers) {
        this.config = config;
        this.postman = postman;
        this.composer = composer;
        this.subscribers = subscribers;
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
        UUID after = afterId == null ? null : UUID.fromString(afterId);
        return subscribers.confirmedFollowing(touched(notification), KindRules.wanting(notification), after, limit)
                .stream()
                // No tokens here: the composer makes them from the id, so a page's entries stay small.
                .map(s -> new Recipient(s.id().toString(), s.email(), s.locale(), Map.of()))
                .toList();
    }

    @Override
    public boolean coalesces() {
        return config.coalesce();
    }

    /** The subscribers of the page whom {@code newer} reaches: the same rule as {@link #recipients}, asked once. */
    @Override
    public Set<String> reached(Notification newer, Collection<Recipient> recipients) {
        List<UUID> ids = new ArrayList<>(recipients.size());
        for (Recipient recipient : recipients) {
            try {
                ids.add(UUID.fromString(recipient.id()));
            } catch (IllegalArgumentException notASubscriber) {
                // no subscriber of this channel: nothing newer reaches it
            }
        }
        return subscribers.confirmedFollowingAmong(touched(newer), KindRules.wanting(newer), ids).stream()
                .map(UUID::toString).collect(Collectors.toSet());
    }

    @Override
    public SendResult send(Delivery delivery) {
        return sendAsync(delivery, Runnable::run).toCompletableFuture().join();
    }

    /** Composed on the caller's thread (bytes spliced into a template), handed to the relay's queue. */
    @Override
    public CompletionStage<SendResult> sendAsync(Delivery delivery, Executor senders) {
        OutgoingMail mail;
        try {
            mail = composer.compose(delivery);
        } catch (IllegalArgumentException e) {
            // An address or token that can never make a mail: retrying will not help.
            return CompletableFuture.completedFuture(
                    new SendResult.Failed(SendResult.reason(e.getMessage(), 500, "SMTP failure"), null));
        }
        return postman.submit(mail).thenApply(EmailChannel::result);
    }

    /** SMTP 5xx about the recipient or the message will not pass; 4xx, timeouts and lost connections may. */
    static SendResult result(SmtpReply reply) {
        if (reply.accepted()) {
            return new SendResult.Sent(reply.code(), null);
        }
        String reason = SendResult.reason(reply.toString(), 500, "SMTP failure");
        Integer code = reply.code() == 0 ? null : reply.code();
        return reply.permanent() ? new SendResult.Failed(reason, code) : new SendResult.Retry(reason, code, null);
    }

    /** A notice is for everyone; anything else for those who follow one of its components (or everything). */
    private static Collection<String> touched(Notification notification) {
        return notification.kind() == NotificationKind.NOTICE ? List.of() : notification.componentIds();
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
