package io.heraldo.inbox;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.mail.EmailConfig;
import io.heraldo.site.PageSnapshot;
import io.heraldo.site.Statuspage.Incident;
import io.heraldo.site.Statuspage.IncidentUpdate;
import io.heraldo.site.Statuspage.ScheduledMaintenance;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * The automatic answer of the support mailbox: the status right now (open incidents with their latest update,
 * maintenance in progress or upcoming, the page link) in the sender's language, text and HTML, threaded under the
 * sender's message and marked {@code Auto-Submitted: auto-replied} (RFC 3834).
 */
@ApplicationScoped
public class StatusReply {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance text(StatusView status);

        static native TemplateInstance html(StatusView status);
    }

    private static final Map<String, DateTimeFormatter> TIME_FORMATS = Map.of(
            "es", DateTimeFormatter.ofPattern("EEEE d 'de' MMMM, HH:mm O", Locale.forLanguageTag("es")),
            "en", DateTimeFormatter.ofPattern("EEEE, MMMM d, h:mm a O", Locale.ENGLISH),
            "pt", DateTimeFormatter.ofPattern("EEEE, d 'de' MMMM, HH:mm O", Locale.forLanguageTag("pt")));

    private final InternetAddress from;
    private final String pageName;
    private final String pageUrl;
    private final ZoneId zone;

    public StatusReply(HeraldoConfig heraldo, EmailConfig email) {
        this.from = email.sender();
        this.pageName = heraldo.page().name().replaceAll("[\\r\\n]+", " ");
        this.pageUrl = heraldo.publicUrl().replaceAll("/+$", "") + "/";
        this.zone = heraldo.page().timeZone();
    }

    /** The address replies come from, lower case: never answered. */
    public String ownAddress() {
        return from.getAddress().toLowerCase(Locale.ROOT);
    }

    /** The status of a snapshot as the reply shows it. */
    public StatusView view(PageSnapshot snapshot, String lang) {
        List<StatusView.IncidentView> incidents = new ArrayList<>();
        for (Incident incident : snapshot.unresolvedIncidents()) {
            List<IncidentUpdate> updates = incident.incidentUpdates();
            IncidentUpdate latest = updates == null || updates.isEmpty() ? null : updates.get(0);
            incidents.add(new StatusView.IncidentView(incident.name(), incident.status(),
                    latest == null ? "" : latest.body(), latest == null ? "" : time(latest.createdAt(), lang),
                    incident.shortlink()));
        }
        return new StatusView(lang, pageName, pageUrl, snapshot.indicator().wire(), incidents,
                maintenances(snapshot.activeMaintenances(), lang), maintenances(snapshot.upcomingMaintenances().stream().limit(5).toList(), lang));
    }

    private List<StatusView.MaintenanceView> maintenances(List<ScheduledMaintenance> maintenances, String lang) {
        return maintenances.stream().map(m -> new StatusView.MaintenanceView(m.name(), m.status(),
                time(m.scheduledFor(), lang), time(m.scheduledUntil(), lang), m.shortlink())).toList();
    }

    /** A Statuspage time written for a reader, in the page's time zone. */
    String time(String statuspageTime, String lang) {
        if (statuspageTime == null) {
            return "";
        }
        try {
            return TIME_FORMATS.getOrDefault(lang, TIME_FORMATS.get("en"))
                    .format(OffsetDateTime.parse(statuspageTime).atZoneSameInstant(zone));
        } catch (DateTimeParseException e) {
            return statuspageTime;
        }
    }

    /**
     * The reply to one message.
     *
     * @param to the sender, one address
     * @param messageId the sender's Message-ID, or {@code null}
     * @param references the sender's {@code References}
     */
    public MimeMessage compose(Session session, StatusView status, String to, String messageId, List<String> references)
            throws MessagingException {
        InboxMessages words = MessageBundles.get(InboxMessages.class, Localized.Literal.of(status.lang()));
        Locale locale = Locale.forLanguageTag(status.lang());
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setReplyTo(new InternetAddress[] { from });
        // The bare address: nothing the sender wrote goes back into our headers.
        message.setRecipient(RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(words.subject(pageName), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-replied");
        // Exchange: do not answer this with an out-of-office of its own.
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setHeader("Content-Language", status.lang());
        if (messageId != null) {
            message.setHeader("In-Reply-To", messageId);
            List<String> thread = new ArrayList<>(references);
            thread.add(messageId);
            message.setHeader("References", MimeUtility.fold("References: ".length(), String.join(" ", thread)));
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(Templates.text(status).setLocale(locale).render(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(Templates.html(status).setLocale(locale).render(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }
}
