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

    private StatusTables() {
    }

    public static void reset(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    truncate applied_event, component_status_change, incident_update, incident_component, incident,
                             maintenance_update, maintenance_component, maintenance, notice, metric_point, metric, component
                    """);
            s.execute("update page_state set revision = revision + 1, updated_at = now()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
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
