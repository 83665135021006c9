package io.heraldo.site.export;

import java.time.Duration;
import java.util.Iterator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.heraldo.platform.HeraldoConfig;
import io.heraldo.site.PageSnapshot;
import io.heraldo.site.PageSnapshots;
import io.heraldo.site.SitePart;
import io.heraldo.status.PageChanged;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Writes the static copy of the site to {@code heraldo.site.export-dir} (off when unset): once at start, then after
 * every applied change, from every {@link SitePart} bean. The writing itself is {@link SiteExport}'s.
 */
@ApplicationScoped
public class SiteExporter {

    private static final Logger LOG = Logger.getLogger(SiteExporter.class);

    private final HeraldoConfig config;
    private final PageSnapshots snapshots;
    private final Instance<SitePart> parts;
    private volatile SiteExport export;

    public SiteExporter(HeraldoConfig config, PageSnapshots snapshots, Instance<SitePart> parts) {
        this.config = config;
        this.snapshots = snapshots;
        this.parts = parts;
    }

    void start(@Observes StartupEvent start) {
        config.site().exportDir().ifPresent(directory -> {
            LOG.infof("Writing a static copy of the site to %s on every change", directory.toAbsolutePath());
            export = new SiteExport(directory, snapshots::current, this::eachPart, config.site().exportCheckInterval());
        });
    }

    /** Runs in the thread that applied the change: only marks the copy dirty. */
    void changed(@Observes PageChanged change) {
        SiteExport current = export;
        if (current != null) {
            current.changed();
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        SiteExport current = export;
        if (current != null) {
            current.close();
        }
    }

    /** The export of this application, or {@code null} when off. */
    public SiteExport export() {
        return export;
    }

    /** Every part bean, looked up afresh for each rewrite; a dependent one is destroyed after it wrote. */
    private Iterator<SitePart> eachPart() {
        Iterator<? extends Instance.Handle<SitePart>> handles = parts.handles().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return handles.hasNext();
            }

            @Override
            public SitePart next() {
                Instance.Handle<SitePart> handle = handles.next();
                SitePart part = handle.get();
                return new SitePart() {
                    @Override
                    public void write(PageSnapshot snapshot, SiteFiles files) throws java.io.IOException {
                        try {
                            part.write(snapshot, files);
                        } finally {
                            if (handle.getBean().getScope() == Dependent.class) {
                                handle.destroy();
                            }
                        }
                    }

                    @Override
                    public String toString() {
                        return handle.getBean().getBeanClass().getName();
                    }
                };
            }
        };
    }
}
