package io.heraldo.channel.social;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.channel.ChannelMessages;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.Languages;
import io.heraldo.site.SiteMessages;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * The words every social account (X, Mastodon, Bluesky) posts about a notification: the producer's own text if it
 * wrote one ({@code update.tweet}), else the status in words and the title, the update and the link to the incident
 * page. The page's and the mail's words, so every channel says the same thing.
 */
@ApplicationScoped
public class PostDrafts {

    private final HeraldoConfig heraldo;

    public PostDrafts(HeraldoConfig heraldo) {
        this.heraldo = heraldo;
    }

    /** The draft in {@code lang}: the headline's words and the texts (else the default locale's, else the first). */
    public PostDraft draft(Notification notification, String lang) {
        if (notification.tweet() != null && !notification.tweet().isBlank()) {
            return PostDraft.custom(notification.tweet());
        }
        Notification shown = notification.in(lang);
        return PostDraft.composed(headline(shown, lang), shown.body(), link(shown));
    }

    /**
     * One of {@code heraldo.languages} (a region such as {@code en-US} read as its language); {@code
     * heraldo.default-locale} when none is wanted or the one wanted is not among them.
     */
    public String language(String wanted) {
        return wanted == null || wanted.isBlank() ? heraldo.defaultLocale()
                : Languages.choose(wanted, wanted, heraldo.defaultLocale());
    }

    static String headline(Notification notification, String lang) {
        NotificationKind kind = notification.kind();
        if (kind.isIncident()) {
            String status = notification.status() != null ? notification.status()
                    : kind == NotificationKind.INCIDENT_RESOLVED ? "resolved" : "investigating";
            return MessageBundles.get(SiteMessages.class, Localized.Literal.of(lang)).updateStatus(status) + ": "
                    + notification.title();
        }
        if (kind.isMaintenance()) {
            return MessageBundles.get(ChannelMessages.class, Localized.Literal.of(lang)).maintenanceHeadline(kind.name())
                    + ": " + notification.title();
        }
        return notification.title();
    }

    /** The incident's (or maintenance's) page; the status page for a notice. */
    public String link(Notification notification) {
        String base = heraldo.publicUrl().endsWith("/")
                ? heraldo.publicUrl().substring(0, heraldo.publicUrl().length() - 1)
                : heraldo.publicUrl();
        if (notification.kind().isIncident() || notification.kind().isMaintenance()) {
            return base + "/incidents/" + URLEncoder.encode(notification.subjectId(), StandardCharsets.UTF_8);
        }
        return base + "/";
    }
}
