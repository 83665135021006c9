package io.heraldo.site;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;

import io.heraldo.platform.HeraldoConfig;

/** The page's past, newest first, a page at a time: incidents, maintenance and notices in one list. */
@ApplicationScoped
public class SiteHistory {

    public static final int PAGE_SIZE = 25;

    /**
     * One line of the history.
     *
     * @param kind {@code incident}, {@code maintenance} or {@code notice}
     * @param at when it began (incident opened, maintenance scheduled start, notice published), page time
     * @param until when it ended (incident resolved, maintenance scheduled end), or null
     * @param body a notice's text, else null
     */
    public record Entry(String kind, String id, String title, String status, String impact, String at, String until,
            String body) {
    }

    public record Slice(Paging paging, List<Entry> entries) {
    }

    private final Jdbi jdbi;
    private final ZoneId zone;

    public SiteHistory(Jdbi jdbi, HeraldoConfig config) {
        this.jdbi = jdbi;
        this.zone = config.page().timeZone();
    }

    /** One page of the history, the texts in {@code lang} (else the default locale's, else the first given). */
    public Slice page(int page, String lang) {
        return jdbi.withHandle(handle -> {
            handle.setReadOnly(true);
            long total = handle.createQuery(
                    "select (select count(*) from incident) + (select count(*) from maintenance) + (select count(*) from notice)")
                    .mapTo(Long.class)
                    .one();
            Paging paging = new Paging(page, PAGE_SIZE, total);
            List<Entry> entries = handle.createQuery("""
                    select kind, id, title, status, impact, at, until, body from (
                        select 'incident' kind, id, coalesce(titles ->> :lang, title) title, status, impact,
                               created_at at, resolved_at until, null body
                        from incident
                        union all
                        select 'maintenance', id, coalesce(titles ->> :lang, title), status, null, scheduled_for,
                               scheduled_until, null
                        from maintenance
                        union all
                        select 'notice', id, coalesce(titles ->> :lang, title), null, null, published_at, null,
                               coalesce(bodies ->> :lang, body)
                        from notice
                    ) h order by at desc, kind, id limit :limit offset :offset""")
                    .bind("lang", lang)
                    .bind("limit", paging.size())
                    .bind("offset", paging.offset())
                    .map((rs, ctx) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Statuspage.time(rs.getObject(6, OffsetDateTime.class), zone),
                            Statuspage.time(rs.getObject(7, OffsetDateTime.class), zone), rs.getString(8)))
                    .list();
            return new Slice(paging, entries);
        });
    }
}
