package io.heraldo.status;

import java.util.List;

import org.jdbi.v3.core.Handle;

import io.heraldo.event.StatusEvent.NoticeEvent;

/**
 * The notices: a {@code notice.published} stores the announcement under its id, on a handle whose transaction the
 * caller owns; publishing the same notice id again replaces its text and keeps its first publication time.
 */
final class NoticeLedger {

    private final UpdateJson json;

    NoticeLedger(UpdateJson json) {
        this.json = json;
    }

    StatusChange apply(Handle h, NoticeEvent e) {
        h.createUpdate("""
                insert into notice (id, title, body, lang, published_at, event_id, titles, bodies)
                values (:id, :title, :body, :lang, :publishedAt, :eventId, cast(:titles as json), cast(:bodies as json))
                on conflict (id) do update set title = excluded.title, body = excluded.body, lang = excluded.lang,
                       event_id = excluded.event_id, titles = excluded.titles, bodies = excluded.bodies""")
                .bind("id", e.noticeId())
                .bind("title", e.title().first())
                .bind("body", e.body().first())
                .bind("titles", json.texts(e.title()))
                .bind("bodies", json.texts(e.body()))
                .bind("lang", e.lang())
                .bind("publishedAt", e.time())
                .bind("eventId", e.eventId())
                .execute();
        return new StatusChange(e, e.title().first(), null, null, null, List.of(), null, null, null, 0, true, false,
                e.title());
    }
}
