package io.heraldo.admin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit log of the admin API: every request, allowed or denied, with who (a token's id, never the token), what
 * (method, path, the id acted on), how it ended (the status) and when. Each entry goes to the log category
 * {@code heraldo.audit} at once and to the {@code admin_audit} table on a thread of its own, so a filter on the
 * event loop never waits for the database. Request bodies, query strings and headers are never recorded: they may
 * hold secrets (a webhook's secret, a token).
 */
@ApplicationScoped
public class AdminAudit {

    private static final Logger AUDIT = Logger.getLogger("heraldo.audit");
    private static final Logger LOG = Logger.getLogger(AdminAudit.class);
    /** Who a denied request came from: nobody known, whatever it presented. */
    public static final String ANONYMOUS = "anonymous";

    public record Entry(long id, OffsetDateTime at, String actor, String method, String path, String target,
            int status, String client) {
    }

    private final Jdbi jdbi;
    // One writer and a bounded queue: a flood of denied requests costs at most this many rows in memory.
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread thread = new Thread(r, "heraldo-audit");
                thread.setDaemon(true);
                return thread;
            }, (task, pool) -> LOG.warn("Audit queue full: an admin request was logged but not stored"));

    public AdminAudit(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(String actor, String method, String path, String target, int status, String client) {
        String safePath = limit(path, 500);
        String safeTarget = limit(target, 200);
        AUDIT.infof("admin %s %s %s target=%s status=%d client=%s", actor, method, safePath,
                safeTarget == null ? "-" : safeTarget, status, client);
        writer.execute(() -> store(actor, method, safePath, safeTarget, status, client));
    }

    private void store(String actor, String method, String path, String target, int status, String client) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("""
                    insert into admin_audit (actor, method, path, target, status, client)
                    values (:actor, :method, :path, :target, :status, :client)""")
                    .bind("actor", limit(actor, 64))
                    .bind("method", limit(method, 10))
                    .bind("path", path)
                    .bind("target", target)
                    .bind("status", status)
                    .bind("client", limit(client, 64))
                    .execute());
        } catch (RuntimeException e) {
            LOG.warnf("Audit entry not stored (%s); it is in the heraldo.audit log", e.getMessage());
        }
    }

    /** The latest entries, newest first. */
    public List<Entry> recent(int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                select id, at, actor, method, path, target, status, client from admin_audit
                order by id desc limit :limit""")
                .bind("limit", limit)
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8)))
                .list());
    }

    /** At most {@code max} characters, control characters (a decoded %0A in a path) replaced: one entry, one line. */
    private static String limit(String value, int max) {
        if (value == null) {
            return null;
        }
        String line = value.replaceAll("\\p{Cntrl}", "?");
        return line.length() <= max ? line : line.substring(0, max);
    }

    @PreDestroy
    void stop() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
