package io.heraldo.channel.chat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.channel.ChannelMessages;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.chat.ChatMessage.Fact;
import io.heraldo.channel.chat.ChatMessage.Tone;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.site.SiteMessages;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * Composes what a chat message says, once per notification and language: the status in words and the title, the
 * impact, the components touched with their status, the latest update and a link to the incident's page (the status
 * page for notices and component changes). Words are the page's ({@link SiteMessages}) and the channels'
 * ({@link ChannelMessages}).
 */
@ApplicationScoped
public class ChatComposer {

    /** Components listed by name; the rest are counted. */
    static final int MAX_COMPONENTS = 10;
    /** A component's name as listed. */
    static final int MAX_COMPONENT_NAME = 120;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final HeraldoConfig heraldo;

    public ChatComposer(HeraldoConfig heraldo) {
        this.heraldo = heraldo;
    }

    public ChatMessage compose(Notification notification, String lang) {
        // the destination's language, else the default locale's text, else the first given
        Notification n = notification.in(lang);
        SiteMessages site = bundle(SiteMessages.class, lang);
        ChannelMessages words = bundle(ChannelMessages.class, lang);
        NotificationKind kind = n.kind();
        List<Fact> facts = new ArrayList<>();
        String headline;
        Tone tone;
        String link = pageUrl();
        String linkLabel = words.openPage();
        if (kind.isIncident()) {
            String status = n.status() != null ? n.status()
                    : kind == NotificationKind.INCIDENT_RESOLVED ? "resolved" : "investigating";
            headline = site.updateStatus(status) + ": " + n.title();
            facts.add(new Fact(words.statusLabel(), site.updateStatus(status)));
            if (n.impact() != null) {
                facts.add(new Fact(site.impactLabel(), site.impact(n.impact())));
            }
            tone = incidentTone(status, n.impact());
            link = subjectUrl(n.subjectId());
            linkLabel = words.viewIncident();
        } else if (kind.isMaintenance()) {
            headline = words.maintenanceHeadline(kind.name()) + ": " + n.title();
            if (n.status() != null) {
                facts.add(new Fact(words.statusLabel(), site.updateStatus(n.status())));
            }
            if (n.scheduledFor() != null && n.scheduledUntil() != null) {
                facts.add(new Fact(words.windowLabel(), site.window(time(n.scheduledFor()), time(n.scheduledUntil()))
                        + " (" + zone() + ")"));
            }
            tone = kind == NotificationKind.MAINTENANCE_COMPLETED ? Tone.RESOLVED
                    : kind == NotificationKind.MAINTENANCE_CANCELLED ? Tone.INFO : Tone.MAINTENANCE;
            link = subjectUrl(n.subjectId());
            linkLabel = words.viewMaintenance();
        } else if (kind == NotificationKind.COMPONENT_CHANGED) {
            headline = n.title() + ": " + site.componentStatus(n.status());
            facts.add(new Fact(words.statusLabel(), site.componentStatus(n.status())));
            tone = componentTone(n.status());
        } else {
            headline = n.title();
            tone = Tone.INFO;
        }
        List<String> components = kind == NotificationKind.COMPONENT_CHANGED ? List.of() : components(n, site, words);
        String updateLabel = kind == NotificationKind.COMPONENT_CHANGED ? words.reason() : words.latestUpdate();
        String threadKey = kind.isIncident() || kind.isMaintenance() ? n.subjectId() : null;
        return new ChatMessage(headline, List.copyOf(facts), site.components(), components, updateLabel,
                blankToNull(n.body()), link, linkLabel, tone, n.occurredAt(), threadKey);
    }

    /** The message {@code POST /admin/v1/destinations/{id}/test} sends. */
    public ChatMessage test(String lang) {
        ChannelMessages words = bundle(ChannelMessages.class, lang);
        String page = heraldo.page().name();
        return new ChatMessage(words.testHeadline(page), List.of(), null, List.of(), null, words.testBody(page),
                pageUrl(), words.openPage(), Tone.INFO, OffsetDateTime.now(), null);
    }

    private List<String> components(Notification n, SiteMessages site, ChannelMessages words) {
        List<String> lines = new ArrayList<>();
        for (Notification.ComponentRef c : n.components()) {
            if (lines.size() == MAX_COMPONENTS) {
                lines.add(words.andMore(n.components().size() - MAX_COMPONENTS));
                break;
            }
            String name = Fit.words(c.name() == null ? c.id() : c.name(), MAX_COMPONENT_NAME);
            lines.add(c.status() == null ? name : name + ": " + site.componentStatus(c.status()));
        }
        return List.copyOf(lines);
    }

    private static Tone incidentTone(String status, String impact) {
        if ("resolved".equals(status) || "postmortem".equals(status)) {
            return Tone.RESOLVED;
        }
        if (impact == null) {
            return Tone.MAJOR;
        }
        return switch (impact) {
            case "critical" -> Tone.CRITICAL;
            case "major" -> Tone.MAJOR;
            case "minor" -> Tone.MINOR;
            default -> Tone.INFO;
        };
    }

    private static Tone componentTone(String status) {
        if (status == null) {
            return Tone.INFO;
        }
        return switch (status) {
            case "operational" -> Tone.RESOLVED;
            case "degraded_performance" -> Tone.MINOR;
            case "partial_outage" -> Tone.MAJOR;
            case "major_outage" -> Tone.CRITICAL;
            case "under_maintenance" -> Tone.MAINTENANCE;
            default -> Tone.INFO;
        };
    }

    private String pageUrl() {
        String base = heraldo.publicUrl();
        return base.endsWith("/") ? base : base + "/";
    }

    private String subjectUrl(String id) {
        return pageUrl() + "incidents/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private String time(OffsetDateTime time) {
        return WHEN.format(time.atZoneSameInstant(zone()));
    }

    private ZoneId zone() {
        return heraldo.page().timeZone();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** The bundle of a language, or of English when the build has no words in that language. */
    private static <T> T bundle(Class<T> type, String lang) {
        try {
            return MessageBundles.get(type, Localized.Literal.of(lang));
        } catch (RuntimeException noSuchLanguage) {
            return MessageBundles.get(type);
        }
    }
}
