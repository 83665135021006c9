package io.heraldo.site.feed;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns stored updates into feed entries: the entry id, the link and the title of each, newest first, at most
 * {@link #LIMIT}.
 */
public final class FeedEntries {

    /** A feed carries the latest updates only: readers keep what they saw, and the file stays small. */
    public static final int LIMIT = 100;

    /** What the history holds, as the feeds need it. */
    public enum Kind {
        INCIDENT, MAINTENANCE, NOTICE;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One stored update.
     *
     * @param updateId the update's id (the event id), or the notice id for a notice
     * @param subjectId the incident, maintenance or notice id
     * @param subjectTitle its title
     * @param status the status the update set (contract enumeration), {@code null} for a notice
     */
    public record StoredUpdate(Kind kind, String updateId, String subjectId, String subjectTitle, String status,
            String body, String lang, OffsetDateTime at, long seq) {
    }

    private static final Comparator<StoredUpdate> NEWEST_FIRST = Comparator.comparing(StoredUpdate::at)
            .thenComparingLong(StoredUpdate::seq).thenComparing(StoredUpdate::updateId).reversed();

    private final String publicUrl;
    private final String pageId;
    private final UnaryOperator<String> statusLabel;

    /**
     * @param publicUrl {@code heraldo.public-url}
     * @param pageId the page id, so two pages' entries never share an id
     * @param statusLabel the word for a status in the feed's language
     */
    public FeedEntries(String publicUrl, String pageId, UnaryOperator<String> statusLabel) {
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.pageId = pageId;
        this.statusLabel = statusLabel;
    }

    /** The newest {@link #LIMIT} updates as entries, newest first. */
    public List<FeedEntry> newestFirst(List<StoredUpdate> updates) {
        return updates.stream().sorted(NEWEST_FIRST).limit(LIMIT).map(this::entry).toList();
    }

    public FeedEntry entry(StoredUpdate update) {
        String kind = update.kind().word();
        if (update.kind() == Kind.NOTICE) {
            return new FeedEntry("urn:heraldo:" + encoded(pageId) + ":notice:" + encoded(update.subjectId()), kind,
                    update.subjectTitle(), publicUrl + "/history", update.body(), update.lang(), update.at());
        }
        String title = update.subjectTitle() + " — " + statusLabel.apply(update.status());
        return new FeedEntry("urn:heraldo:" + encoded(pageId) + ":" + kind + "-update:" + encoded(update.updateId()),
                kind, title, page(update.subjectId()), update.body(), update.lang(), update.at());
    }

    /** The page of an incident or maintenance: the same link as the API's {@code shortlink} and the mails. */
    public String page(String subjectId) {
        return publicUrl + "/incidents/" + encoded(subjectId);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
