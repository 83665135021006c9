package io.heraldo.site;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jdbi.v3.core.Jdbi;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.status.PageChanged;

/**
 * The page revision ({@code page_state.revision}, bumped by every transaction that applies something, on any
 * replica) as the public site reads it: trusted for {@code heraldo.site.revision-max-age} after it was read
 * ({@link RevisionWatch}), so a request does not cost a query, and no longer once this replica applied a change.
 */
@ApplicationScoped
public class PageRevision {

    private final Jdbi jdbi;
    private final Clock clock;
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "heraldo-page-revision");
        thread.setDaemon(true);
        return thread;
    });
    private final RevisionWatch watch;

    public PageRevision(Jdbi jdbi, HeraldoConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.watch = new RevisionWatch(this::read, System::nanoTime, config.site().revisionMaxAge().toNanos(),
                background);
    }

    /** The trusted revision, or null when it must be read ({@link #current}). Never blocks: for event-loop code. */
    public Revision trusted() {
        return watch.trusted();
    }

    /** The trusted revision, else the one read now (a query). */
    public Revision current() {
        return watch.current();
    }

    /** Before any other observer: the exporter then reads the new revision too. */
    void changed(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) PageChanged change) {
        watch.changed();
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }

    private Revision read() {
        Instant readAt = clock.instant();
        return jdbi.withHandle(handle -> handle.createQuery("select revision, updated_at from page_state where id = 1")
                .map((rs, ctx) -> new Revision(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), readAt))
                .one());
    }
}
