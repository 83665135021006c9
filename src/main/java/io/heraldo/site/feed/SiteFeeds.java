package io.heraldo.site.feed;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.mail.EmailConfig;
import io.heraldo.site.PageSnapshot;
import io.heraldo.site.SiteMessages;
import io.heraldo.site.feed.FeedEntries.Kind;
import io.heraldo.site.feed.FeedEntries.StoredUpdate;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * The feeds and the calendar of the site, read from the stored history and kept while the page revision has not
 * moved: the live endpoints and the static export serve the same bytes.
 */
@ApplicationScoped
public class SiteFeeds {

    /** The three documents at one page revision, in one language. */
    public record Documents(long revision, byte[] atom, byte[] rss, byte[] calendar) {
    }

    private final Jdbi jdbi;
    private final HeraldoConfig config;
    private final String uidDomain;
    /** The last documents made, per language. */
    private final Map<String, Documents> last = new ConcurrentHashMap<>();

    public SiteFeeds(Jdbi jdbi, HeraldoConfig config, EmailConfig email) {
        this.jdbi = jdbi;
        this.config = config;
        this.uidDomain = MaintenanceEvent.domainOf(email.sender().getAddress());
    }

    /** The documents for the snapshot's revision, in the snapshot's language. */
    public Documents at(PageSnapshot snapshot) {
        Documents documents = last.get(snapshot.lang());
        if (documents != null && documents.revision() == snapshot.revision()) {
            return documents;
        }
        // Read after the revision: what is read is at least as new, so caching it under that revision never hides
        // a change (the next revision reads again).
        documents = read(snapshot);
        last.put(snapshot.lang(), documents);
        return documents;
    }

    private Documents read(PageSnapshot snapshot) {
        String lang = snapshot.lang();
        SiteMessages words = MessageBundles.get(SiteMessages.class, Localized.Literal.of(lang));
        FeedEntries entries = new FeedEntries(config.publicUrl(), config.page().id(), words::updateStatus);
        // One read-only transaction: the feeds and the calendar are read together.
        return jdbi.withHandle(handle -> handle.setReadOnly(true).inTransaction(transaction -> {
            List<FeedEntry> latest = entries.newestFirst(updates(transaction, lang));
            HistoryFeed.Header header = new HistoryFeed.Header(config.page().name(), config.publicUrl(), lang,
                    snapshot.updatedAt());
            String calendar = PublicCalendar.write(config.page().name(), uidDomain, maintenances(transaction, entries, lang));
            return new Documents(snapshot.revision(), HistoryFeed.atom(header, latest), HistoryFeed.rss(header, latest),
                    calendar.getBytes(StandardCharsets.UTF_8));
        }));
    }

    /** The newest updates of each kind; {@link FeedEntries} merges them. */
    private static List<StoredUpdate> updates(Handle handle, String lang) {
        List<StoredUpdate> updates = new ArrayList<>();
        read(handle, lang, Kind.INCIDENT, """
                select u.id, u.incident_id, coalesce(i.titles ->> :lang, i.title), u.status,
                       coalesce(u.bodies ->> :lang, u.body),
                       case when u.bodies ->> :lang is null then u.lang else :lang end, u.created_at, u.seq
                from incident_update u join incident i on i.id = u.incident_id
                order by u.created_at desc, u.seq desc limit :limit""", updates);
        read(handle, lang, Kind.MAINTENANCE, """
                select u.id, u.maintenance_id, coalesce(m.titles ->> :lang, m.title), u.status,
                       coalesce(u.bodies ->> :lang, u.body),
                       case when u.bodies ->> :lang is null then u.lang else :lang end, u.created_at, u.seq
                from maintenance_update u join maintenance m on m.id = u.maintenance_id
                order by u.created_at desc, u.seq desc limit :limit""", updates);
        read(handle, lang, Kind.NOTICE, """
                select id, id, coalesce(titles ->> :lang, title), null, coalesce(bodies ->> :lang, body),
                       case when bodies ->> :lang is null then lang else :lang end,
                       published_at, 0 from notice
                order by published_at desc, id limit :limit""", updates);
        return updates;
    }

    private static void read(Handle handle, String lang, Kind kind, String sql, List<StoredUpdate> into) {
        handle.createQuery(sql)
                .bind("limit", FeedEntries.LIMIT)
                .bind("lang", lang)
                .map((rs, ctx) -> new StoredUpdate(kind, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                        rs.getLong(8)))
                .forEach(into::add);
    }

    /** The newest maintenances by start, each with the text of its latest update that has one. */
    private static List<MaintenanceEvent> maintenances(Handle handle, FeedEntries entries, String lang) {
        return handle.createQuery("""
                select m.id, coalesce(m.titles ->> :lang, m.title), m.status, m.scheduled_for, m.scheduled_until,
                       m.revision, m.updated_at,
                       (select coalesce(u.bodies ->> :lang, u.body) from maintenance_update u where u.maintenance_id = m.id and u.body is not null
                        order by u.created_at desc, u.seq desc limit 1)
                from maintenance m order by m.scheduled_for desc, m.id limit :limit""")
                .bind("limit", PublicCalendar.LIMIT)
                .bind("lang", lang)
                .map((rs, ctx) -> new MaintenanceEvent(rs.getString(1), rs.getString(2), rs.getString(8),
                        entries.page(rs.getString(1)), rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class), rs.getInt(6),
                        "cancelled".equals(rs.getString(3))))
                .list();
    }
}
