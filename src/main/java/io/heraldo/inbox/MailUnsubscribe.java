package io.heraldo.inbox;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;

import org.jboss.logging.Logger;

import io.heraldo.audience.Subscriber;
import io.heraldo.audience.SubscriberLinks;
import io.heraldo.audience.SubscriberRepository;
import io.heraldo.audience.SubscriberState;
import io.heraldo.audience.Subscriptions;
import io.heraldo.inbox.InboxMetrics.Outcome;
import io.heraldo.platform.mail.Postman;

/**
 * Unsubscribe by mail. {@code unsubscribe <token>} (the {@code List-Unsubscribe} mailto of every notification) with
 * the subscriber's own token unsubscribes at once, whoever sends it: the token is the proof. A bare
 * {@code baja}/{@code unsubscribe} proves nothing, since anyone can write any {@code From}: a confirmed subscriber
 * of that address gets the one-click link at that address instead, at most once per {@code reply-interval}.
 */
@ApplicationScoped
public class MailUnsubscribe {

    private static final Logger LOG = Logger.getLogger(MailUnsubscribe.class);

    private final Subscriptions subscriptions;
    private final SubscriberRepository subscribers;
    private final SubscriberLinks links;
    private final UnsubscribeLinkMail linkMail;
    private final InboxLedger ledger;
    private final InboxConfig config;
    private final Postman postman;

    public MailUnsubscribe(Subscriptions subscriptions, SubscriberRepository subscribers, SubscriberLinks links,
            UnsubscribeLinkMail linkMail, InboxLedger ledger, InboxConfig config, Postman postman) {
        this.subscriptions = subscriptions;
        this.subscribers = subscribers;
        this.links = links;
        this.linkMail = linkMail;
        this.ledger = ledger;
        this.config = config;
        this.postman = postman;
    }

    /**
     * @param token the token the message carries, or {@code null}
     * @param automatic why the message is automatic, when it is: it then gets no answer (RFC 3834)
     */
    Outcome handle(InboundMail mail, String token, Optional<String> automatic) throws MessagingException {
        if (token != null) {
            Optional<Subscriber> done = subscriptions.unsubscribe(token);
            if (done.isPresent()) {
                LOG.debugf("Support mailbox: %s unsubscribed subscriber %s by its token", mail.key(), done.get().id());
                return Outcome.UNSUBSCRIBED;
            }
            LOG.debugf("Support mailbox: %s carries a token that is not valid", mail.key());
        }
        if (automatic.isPresent()) {
            return Outcome.AUTOMATIC;
        }
        Optional<Subscriber> subscriber = mail.sender() == null ? Optional.empty()
                : subscribers.byEmail(mail.sender()).filter(s -> s.state() == SubscriberState.CONFIRMED);
        if (subscriber.isEmpty() || !postman.enabled()) {
            return Outcome.QUIET;
        }
        // By subscriber, apart from status replies: a question earlier does not hold the link back.
        String replyKey = "unsubscribe:" + subscriber.get().id();
        if (!ledger.reserveReply(replyKey, config.replyInterval())) {
            return Outcome.QUIET;
        }
        try {
            postman.send(linkMail.compose(postman.session(), subscriber.get(), links.unsubscribe(subscriber.get().id()),
                    mail.messageId(), mail.references()));
            LOG.debugf("Support mailbox: %s asked to unsubscribe without a token: link sent to the subscriber",
                    mail.key());
            return Outcome.UNSUBSCRIBE_LINK;
        } catch (MessagingException | RuntimeException e) {
            ledger.releaseReply(replyKey);
            throw e;
        }
    }
}
