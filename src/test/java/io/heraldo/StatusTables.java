package io.heraldo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

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
    }
}
