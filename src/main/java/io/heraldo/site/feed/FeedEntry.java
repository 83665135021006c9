package io.heraldo.site.feed;

import java.time.OffsetDateTime;

/**
 * One entry of the history feeds: one update of an incident or maintenance, or one notice. Text is plain text as the
 * producer sent it; the feed writers escape it.
 *
 * @param id stable for the life of the update, never reused: the Atom {@code id} and the RSS {@code guid}
 * @param category {@code incident}, {@code maintenance} or {@code notice}
 * @param title what a reader sees in the list
 * @param link the page of the incident or maintenance, or the history page for a notice
 * @param body the update's text, or {@code null}
 * @param lang the language of {@code body}, or {@code null} for the page's
 * @param published when the update was made
 */
public record FeedEntry(String id, String category, String title, String link, String body, String lang,
        OffsetDateTime published) {
}
