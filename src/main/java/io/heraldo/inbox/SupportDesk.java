package io.heraldo.inbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.jboss.logging.Logger;

import io.heraldo.audience.InvalidFieldException;
import io.heraldo.audience.Subscriber;
import io.heraldo.audience.SubscriberFields;
import io.heraldo.audience.SubscriberRepository;
import io.heraldo.audience.SubscriptionRequest;
import io.heraldo.audience.Subscriptions;
import io.heraldo.channel.email.Postman;
import io.heraldo.inbox.InboxMetrics.Outcome;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.site.PageSnapshots;

/**
 * Decides and does what one message of the support mailbox asks for, once: claims it in the ledger, then handles a
 * delivery report (bounces), a command (subscribe, unsubscribe) or a person's question (a status reply, when the
 * rules allow one), and records it as handled. The reader moves it afterwards.
 */
@ApplicationScoped
public class SupportDesk {

    private static final Logger LOG = Logger.getLogger(SupportDesk.class);

    /** Where the message goes after the desk is done with it. */
    enum Disposition {
        PROCESSED, FAILED,
        /** Stays in the folder: another replica has it, or it is tried again on the next pass. */
        LEAVE
    }

    private final InboxConfig config;
    private final InboxLedger ledger;
    private final InboxMetrics metrics;
    private final SubscriberRepository subscribers;
    private final Subscriptions subscriptions;
    private final PageSnapshots snapshots;
    private final StatusReply reply;
    private final Postman postman;
    private final String defaultLocale;
    private final Set<String> ownAddresses;

    public SupportDesk(InboxConfig config, InboxLedger ledger, InboxMetrics metrics, SubscriberRepository subscribers,
            Subscriptions subscriptions, PageSnapshots snapshots, StatusReply reply, Postman postman,
            HeraldoConfig heraldo) {
        this.config = config;
        this.ledger = ledger;
        this.metrics = metrics;
        this.subscribers = subscribers;
        this.subscriptions = subscriptions;
        this.snapshots = snapshots;
        this.reply = reply;
        this.postman = postman;
        this.defaultLocale = heraldo.defaultLocale();
        String login = config.username().filter(u -> u.contains("@")).map(u -> u.toLowerCase(java.util.Locale.ROOT))
                .orElse(reply.ownAddress());
        this.ownAddresses = Set.copyOf(java.util.List.of(reply.ownAddress(), login));
    }

    /** A message that could not even be read: the failed folder, with the reason in the log. */
    Disposition unreadable(String reason) {
        LOG.warnf("Support mailbox: a message cannot be read and goes to the failed folder: %s", reason);
        metrics.count(Outcome.FAILED);
        return Disposition.FAILED;
    }

    Disposition handle(InboundMail mail, String replica) {
        InboxLedger.Claim claim;
        try {
            claim = ledger.claim(mail.key(), replica, config.claimTimeout());
        } catch (RuntimeException e) {
            LOG.warnf("Support mailbox: cannot claim %s, tried again later: %s", mail.key(), e.getMessage());
            return Disposition.LEAVE;
        }
        switch (claim) {
            case HANDLED:
                return Disposition.PROCESSED;
            case FAILED:
                return Disposition.FAILED;
            case BUSY:
                return Disposition.LEAVE;
            case EXHAUSTED:
                ledger.failed(mail.key(), replica, "gave up after " + InboxLedger.MAX_ATTEMPTS + " attempts");
                return unreadable(mail.key() + ": gave up after " + InboxLedger.MAX_ATTEMPTS + " attempts");
            default:
                break;
        }
        try {
            Outcome outcome = act(mail);
            ledger.handled(mail.key(), replica, outcome.wire());
            metrics.count(outcome);
            return Disposition.PROCESSED;
        } catch (MessagingException | RuntimeException e) {
            // SMTP or the database went away: nothing is lost, the next pass tries again.
            String reason = InboundMail.oneLine(e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.warnf("Support mailbox: %s not handled now, tried again later: %s", mail.key(), reason);
            metrics.count(Outcome.RETRY);
            try {
                ledger.retry(mail.key(), replica, reason);
            } catch (RuntimeException again) {
                LOG.debugf("Support mailbox: cannot record the retry of %s: %s", mail.key(), again.getMessage());
            }
            return Disposition.LEAVE;
        }
    }

    private Outcome act(InboundMail mail) throws MessagingException {
        if (mail.report() != null) {
            return bounces(mail);
        }
        Optional<String> automatic = AutomaticMail.reason(mail::header, mail.sender(), ownAddresses);
        MailCommand command = MailCommand.of(mail.subject(), mail.firstLine());
        String lang = SenderLanguage.of(mail.header("Content-Language"), mail.header("Accept-Language"), defaultLocale);
        if (command == MailCommand.UNSUBSCRIBE && mail.sender() != null && !ownAddresses.contains(lower(mail.sender()))) {
            // Also from automatic mail: a provider's one-click unsubscribe may well say it is automatic.
            subscribers.byEmail(mail.sender()).ifPresent(s -> subscribers.unsubscribe(s.id()));
            LOG.debugf("Support mailbox: unsubscribe by mail from %s", mail.key());
            return Outcome.UNSUBSCRIBED;
        }
        if (automatic.isPresent()) {
            LOG.debugf("Support mailbox: %s is automatic (%s): no reply", mail.key(), automatic.get());
            return Outcome.AUTOMATIC;
        }
        if (command == MailCommand.SUBSCRIBE) {
            return subscribe(mail.sender(), lang);
        }
        return statusReply(mail, lang);
    }

    private Outcome subscribe(String sender, String lang) {
        String email;
        try {
            email = SubscriberFields.email(sender);
        } catch (InvalidFieldException e) {
            LOG.infof("Support mailbox: subscribe by mail from an address that cannot subscribe: %s", e.getMessage());
            return Outcome.QUIET;
        }
        Subscriptions.Outcome outcome = subscriptions.subscribe(new SubscriptionRequest(email, lang, List.of()));
        if (!(outcome instanceof Subscriptions.Accepted)) {
            LOG.infof("Support mailbox: subscribe by mail not taken: %s", outcome);
            return Outcome.QUIET;
        }
        return Outcome.SUBSCRIBED;
    }

    private Outcome statusReply(InboundMail mail, String lang) throws MessagingException {
        if (config.autoReply() == InboxConfig.AutoReply.NEVER || !postman.enabled()) {
            return Outcome.QUIET;
        }
        StatusView status = reply.view(snapshots.current(), lang);
        if (config.autoReply() == InboxConfig.AutoReply.DURING_INCIDENTS && !status.eventful()) {
            return Outcome.QUIET;
        }
        if (!ledger.reserveReply(mail.sender(), config.replyInterval())) {
            return Outcome.QUIET;
        }
        try {
            MimeMessage answer = reply.compose(postman.session(), status, mail.sender(), mail.messageId(),
                    mail.references());
            postman.send(answer);
            return Outcome.REPLIED;
        } catch (MessagingException | RuntimeException e) {
            ledger.releaseReply(mail.sender());
            throw e;
        }
    }

    /** Permanent failures suppress at once, temporary ones count towards three in a row, deliveries reset them. */
    private Outcome bounces(InboundMail mail) {
        DeliveryReport report = mail.report();
        String returnedFrom = report.returnedFrom();
        if (returnedFrom == null || !ownAddresses.contains(lower(returnedFrom))) {
            // Anyone can write a report: only one about mail Heraldo sent may touch a subscriber.
            LOG.infof("Support mailbox: delivery report %s is not about mail Heraldo sent: ignored", mail.key());
            return Outcome.BOUNCE;
        }
        for (DeliveryReport.RecipientStatus recipient : report.recipients()) {
            Optional<Subscriber> subscriber = subscribers.byEmail(recipient.address());
            if (subscriber.isEmpty()) {
                continue;
            }
            if (recipient.permanent()) {
                subscribers.suppress(subscriber.get().id());
                LOG.infof("Support mailbox: subscriber %s suppressed: permanent failure %s", subscriber.get().id(),
                        recipient.status());
            } else if (recipient.temporary()) {
                subscribers.recordSoftBounce(subscriber.get().id());
            } else if (recipient.delivered()) {
                subscribers.clearSoftBounces(subscriber.get().id());
            }
        }
        return Outcome.BOUNCE;
    }

    private static String lower(String address) {
        return address.toLowerCase(java.util.Locale.ROOT);
    }
}
