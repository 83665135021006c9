package io.heraldo.inbox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.jboss.logging.Logger;

import io.heraldo.audience.InvalidFieldException;
import io.heraldo.audience.SubscriberFields;
import io.heraldo.audience.SubscriptionRequest;
import io.heraldo.audience.Subscriptions;
import io.heraldo.inbox.InboxMetrics.Outcome;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.mail.Postman;
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
    private final Bounces bounces;
    private final MailUnsubscribe unsubscribe;
    private final Subscriptions subscriptions;
    private final PageSnapshots snapshots;
    private final StatusReply reply;
    private final Postman postman;
    private final String defaultLocale;
    private final Set<String> ownAddresses;

    /** A message Heraldo will not act on, for a reason kept in the ledger: it goes to the failed folder. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    public SupportDesk(InboxConfig config, InboxLedger ledger, InboxMetrics metrics, Bounces bounces,
            MailUnsubscribe unsubscribe, Subscriptions subscriptions, PageSnapshots snapshots, StatusReply reply,
            Postman postman, HeraldoConfig heraldo) {
        this.config = config;
        this.ledger = ledger;
        this.metrics = metrics;
        this.bounces = bounces;
        this.unsubscribe = unsubscribe;
        this.subscriptions = subscriptions;
        this.snapshots = snapshots;
        this.reply = reply;
        this.postman = postman;
        this.defaultLocale = heraldo.defaultLocale();
        String login = config.username().filter(u -> u.contains("@")).map(u -> u.toLowerCase(Locale.ROOT))
                .orElse(reply.ownAddress());
        this.ownAddresses = Set.copyOf(List.of(reply.ownAddress(), login));
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
        } catch (Refused e) {
            LOG.infof("Support mailbox: %s goes to the failed folder: %s", mail.key(), e.getMessage());
            ledger.failed(mail.key(), replica, e.getMessage());
            metrics.count(Outcome.FAILED);
            return Disposition.FAILED;
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

    private Outcome act(InboundMail mail) throws MessagingException, Refused {
        if (mail.report() != null) {
            if (bounces.apply(mail.report()) instanceof ReportOrigin.Unproven unproven) {
                // Anyone can write a report: one that is not tied to mail Heraldo sent touches nobody.
                throw new Refused("delivery report not about mail Heraldo sent: " + unproven.reason());
            }
            return Outcome.BOUNCE;
        }
        Optional<String> automatic = AutomaticMail.reason(mail::header, mail.sender(), ownAddresses);
        MailCommand command = MailCommand.of(mail.subject(), mail.firstLine());
        String token = MailCommand.unsubscribeToken(mail.subject(), mail.firstLine());
        String lang = SenderLanguage.of(mail.header("Content-Language"), mail.header("Accept-Language"), defaultLocale);
        if (command == MailCommand.UNSUBSCRIBE || token != null) {
            // A token counts also in automatic mail: a provider's one-click unsubscribe may well say it is automatic.
            return unsubscribe.handle(mail, token, automatic);
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
        StatusView status = reply.view(snapshots.current(lang), lang);
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
}
