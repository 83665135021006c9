package io.heraldo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import io.heraldo.status.PageChanged;
import io.quarkus.arc.Arc;

/** Empties the status model, for tests that assert the whole page. */
public final class StatusTables {

    /** SQLSTATE deadlock_detected. */
    private static final String DEADLOCK = "40P01";

    private StatusTables() {
    }

    public static void reset(DataSource dataSource) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        truncate applied_event, component_status_change, incident_update, incident_component, incident,
                                 maintenance_update, maintenance_component, maintenance, notice, metric_point, metric, component
                        """);
                s.execute("update page_state set revision = revision + 1, updated_at = now()");
                break;
            } catch (SQLException e) {
                // The truncate locks the tables one by one while the application's readers (the static export reads
                // every language's snapshot) lock them in their own order: PostgreSQL ends one side of such a
                // deadlock, and when it is this one, truncating again is all there is to do.
                if (!DEADLOCK.equals(e.getSQLState()) || attempt == 5) {
                    throw new IllegalStateException(e);
                }
            }
        }
        announceChange();
    }

    /**
     * Tells the application that the tables changed, as the event intake does after it applied something: the site
     * shows the change on the next request (a change nobody announces shows within heraldo.site.revision-max-age).
     */
    public static void announceChange() {
        Arc.container().beanManager().getEvent().select(PageChanged.class).fire(new PageChanged(List.of()));
    }
}
