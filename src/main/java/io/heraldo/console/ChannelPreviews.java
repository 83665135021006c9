package io.heraldo.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.chat.ChatComposer;
import io.heraldo.channel.chat.ChatMessage;
import io.heraldo.channel.email.EmailComposer;
import io.heraldo.channel.email.MailPreview;
import io.heraldo.channel.mastodon.MastodonApi;
import io.heraldo.channel.mastodon.MastodonConfig;
import io.heraldo.channel.mastodon.MastodonLimits;
import io.heraldo.channel.mastodon.StatusText;
import io.heraldo.channel.bluesky.PostText;
import io.heraldo.channel.social.PostDraft;
import io.heraldo.channel.social.PostDrafts;
import io.heraldo.channel.social.TextFit;
import io.heraldo.channel.twitter.TweetComposer;
import io.heraldo.site.Statuspage;

/**
 * What every channel would send about a form, in every language, composed by the channels' own composers (so the
 * preview is the message, not a look-alike). Nothing is sent, stored or published.
 */
@ApplicationScoped
public class ChannelPreviews {

    /** A post and its length as its network counts it, against the network's limit. */
    public record Counted(String text, int length, int max) {

        /** {@code 212/280}. */
        public String counted() {
            return length + "/" + max;
        }

        public boolean over() {
            return length > max;
        }
    }

    /** Everything one language's readers get; a channel the form does not notify is {@code null}. */
    public record Preview(String lang, MailPreview email, Counted tweet, Counted toot, Counted bluesky,
            ChatMessage chat) {
    }

    /** The incident as it stands, for an update: its name, impact and start. {@code null} for a new one. */
    public record Current(String title, String impact, OffsetDateTime startedAt, String firstEventId) {
    }

    private final EmailComposer email;
    private final PostDrafts drafts;
    private final ChatComposer chat;
    private final MastodonLimits mastodonLimits;
    private final boolean mastodonEnabled;

    public ChannelPreviews(EmailComposer email, PostDrafts drafts, ChatComposer chat, MastodonLimits mastodonLimits,
            MastodonConfig mastodon) {
        this.email = email;
        this.drafts = drafts;
        this.chat = chat;
        this.mastodonLimits = mastodonLimits;
        this.mastodonEnabled = mastodon.enabled();
    }

    public List<Preview> previews(IncidentForm form, Current current, List<Statuspage.Component> components) {
        List<Preview> previews = new ArrayList<>();
        for (String lang : IncidentForm.LANGUAGES) {
            previews.add(preview(notification(form, current, components, lang), lang));
        }
        return previews;
    }

    /** The previews of a notice. */
    public List<Preview> noticePreviews(IncidentForm form) {
        List<Preview> previews = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (String lang : IncidentForm.LANGUAGES) {
            previews.add(preview(new Notification(form.eventId(), form.eventId(), NotificationKind.NOTICE, form.id(),
                    form.title(lang), null, null, null, form.body(lang), form.bodyLang(lang), null, List.of(), now, now,
                    null, null, 0, form.eventId(), Set.copyOf(form.notified())), lang));
        }
        return previews;
    }

    /** The previews of a maintenance form; {@code currentTitle} names it when an update has no title. */
    public List<Preview> maintenancePreviews(MaintenanceForm form, boolean opening, String currentTitle,
            List<Statuspage.Component> components, ZoneId zone) {
        NotificationKind kind = switch (form.type(opening)) {
            case "maintenance.scheduled" -> NotificationKind.MAINTENANCE_SCHEDULED;
            case "maintenance.started" -> NotificationKind.MAINTENANCE_STARTED;
            case "maintenance.completed" -> NotificationKind.MAINTENANCE_COMPLETED;
            case "maintenance.cancelled" -> NotificationKind.MAINTENANCE_CANCELLED;
            default -> NotificationKind.MAINTENANCE_UPDATED;
        };
        List<Notification.ComponentRef> touched = components.stream().filter(c -> form.hasComponent(c.id()))
                .map(c -> new Notification.ComponentRef(c.id(), c.name(), c.status(), null)).toList();
        IncidentForm texts = form.texts();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Preview> previews = new ArrayList<>();
        for (String lang : IncidentForm.LANGUAGES) {
            String title = texts.title(lang).isBlank() ? currentTitle : texts.title(lang);
            String body = texts.body(lang).isBlank() ? null : texts.body(lang);
            previews.add(preview(new Notification(form.eventId(), form.eventId(), kind, form.id(), title, form.status(),
                    null, null, body, texts.bodyLang(lang), null, touched, now, now,
                    MaintenanceForm.time(form.scheduledFor(), zone), MaintenanceForm.time(form.scheduledUntil(), zone),
                    0, opening ? form.eventId() : "thread", Set.copyOf(form.notified())), lang));
        }
        return previews;
    }

    Preview preview(Notification notification, String lang) {
        PostDraft draft = drafts.draft(notification, lang);
        Counted tweet = null;
        Counted toot = null;
        Counted bluesky = null;
        if (notification.allows("twitter")) {
            String text = TweetComposer.fit(draft);
            tweet = new Counted(text, TweetComposer.weight(text), TweetComposer.MAX_WEIGHT);
        }
        if (notification.allows("mastodon")) {
            MastodonApi.Limits limits = mastodonEnabled ? mastodonLimits.current(Instant.now())
                    : MastodonApi.Limits.DEFAULT;
            String text = StatusText.fit(draft, limits);
            toot = new Counted(text, StatusText.length(text, limits.charactersReservedPerUrl()), limits.maxCharacters());
        }
        if (notification.allows("bluesky")) {
            String text = PostText.fit(draft);
            bluesky = new Counted(text, TextFit.graphemes(text), PostText.MAX_GRAPHEMES);
        }
        return new Preview(lang, notification.allows("email") ? email.preview(notification, lang) : null, tweet, toot,
                bluesky, notification.allows("chat") ? chat.compose(notification, lang) : null);
    }

    /** The notification the fan-out would make of the form's event, for readers of {@code lang}. */
    static Notification notification(IncidentForm form, Current current, List<Statuspage.Component> components,
            String lang) {
        boolean opening = current == null;
        NotificationKind kind = opening ? NotificationKind.INCIDENT_OPENED
                : form.resolves() ? NotificationKind.INCIDENT_RESOLVED : NotificationKind.INCIDENT_UPDATED;
        String title = form.title(lang);
        if (title.isBlank() && current != null) {
            title = current.title();
        }
        String impact = form.impact().isEmpty() && current != null ? current.impact() : form.impact();
        List<Notification.ComponentRef> touched = new ArrayList<>();
        Map<String, String> chosen = form.components();
        for (Statuspage.Component component : components) {
            String status = chosen.get(component.id());
            if (status != null) {
                touched.add(new Notification.ComponentRef(component.id(), component.name(), status, component.status()));
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime startedAt = current != null && current.startedAt() != null ? current.startedAt() : now;
        String threadId = current != null && current.firstEventId() != null ? current.firstEventId() : form.eventId();
        return new Notification(form.eventId(), form.eventId(), kind, form.id(), title, form.status(), null, impact,
                form.body(lang), form.bodyLang(lang), null, touched, now, startedAt, null, null, 0, threadId,
                Set.copyOf(form.notified()));
    }
}
