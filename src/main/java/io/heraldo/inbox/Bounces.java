package io.heraldo.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.heraldo.audience.ReturnPaths;
import io.heraldo.audience.SubscriberRepository;
import io.heraldo.platform.mail.EmailConfig;

/**
 * What a delivery report does to the subscribers it proves to be about ({@link ReportOrigin}): a permanent failure
 * suppresses at once, temporary ones count towards three in a row, a delivery resets them. A report that proves
 * nothing touches nobody.
 */
@ApplicationScoped
public class Bounces {

    private static final Logger LOG = Logger.getLogger(Bounces.class);

    private final SubscriberRepository subscribers;
    private final ReportOrigin origin;

    public Bounces(SubscriberRepository subscribers, ReturnPaths returnPaths, SentNotifications sent,
            EmailConfig email) {
        this.subscribers = subscribers;
        this.origin = new ReportOrigin(email.sender().getAddress(), returnPaths, sent::exists, subscribers::byId);
    }

    /** Applies a report; the verdict says whether it was about mail Heraldo sent. */
    ReportOrigin.Verdict apply(DeliveryReport report) {
        ReportOrigin.Verdict verdict = origin.judge(report);
        if (verdict instanceof ReportOrigin.Proven proven) {
            for (ReportOrigin.Finding finding : proven.findings()) {
                apply(finding);
            }
        }
        return verdict;
    }

    private void apply(ReportOrigin.Finding finding) {
        var id = finding.subscriber().id();
        DeliveryReport.RecipientStatus status = finding.status();
        if (status.permanent()) {
            subscribers.suppress(id);
            LOG.infof("Support mailbox: subscriber %s suppressed: permanent failure %s (proven by %s)", id,
                    status.status(), finding.proof());
        } else if (status.temporary()) {
            subscribers.recordSoftBounce(id);
        } else if (status.delivered()) {
            subscribers.clearSoftBounces(id);
        }
    }
}
