package io.heraldo.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import javax.sql.DataSource;

import io.heraldo.StatusTables;

/**
 * A large page written straight to the tables (the load is on reading, not on ingest): components in groups of ten,
 * each created 400 days ago, and resolved incidents, each a partial outage of one component: at random times of the
 * last year ({@link #seed}) or all opened and resolved today ({@link #seedToday}, the day of an outage, when everyone
 * reloads the page). The same seed gives the same page: the page weight test and the benchmark measure one shape.
 */
public final class SiteLoad {

    private SiteLoad() {
    }

    /** Incidents at random times of the last year, each lasting 5 min to 4 h. */
    public static void seed(DataSource dataSource, String prefix, int componentCount, int incidentCount, long seed)
            throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        write(dataSource, prefix, componentCount, incidentCount, seed, random -> {
            OffsetDateTime start = now.minusMinutes(60 + (long) (random.nextDouble() * (365L * 24 * 60 - 60)));
            return new OffsetDateTime[] { start, start.plusMinutes(5 + random.nextInt(235)) };
        });
    }

    /**
     * Incidents opened and resolved today in the page's time zone, between its midnight and now, each lasting up to
     * 30 min (less when the day is younger than that).
     */
    public static void seedToday(DataSource dataSource, String prefix, int componentCount, int incidentCount, long seed,
            ZoneId zone) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5);
        OffsetDateTime midnight = LocalDate.now(zone).atStartOfDay(zone).toOffsetDateTime();
        long seconds = Math.max(1, Duration.between(midnight, now).toSeconds());
        write(dataSource, prefix, componentCount, incidentCount, seed, random -> {
            OffsetDateTime start = midnight.plusSeconds((long) (random.nextDouble() * seconds));
            long left = Duration.between(start, now).toSeconds();
            return new OffsetDateTime[] { start, start.plusSeconds(Math.min(left, 60 + random.nextInt(29 * 60))) };
        });
    }

    private static void write(DataSource dataSource, String prefix, int componentCount, int incidentCount, long seed,
            Function<Random, OffsetDateTime[]> span) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Random random = new Random(seed);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<String> components = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into component (id, name, group_name, position, reported_status, status, created_at, updated_at)
                    values (?, ?, ?, ?, 'operational', 'operational', ?, ?)""")) {
                for (int i = 0; i < componentCount; i++) {
                    String id = prefix + "-c" + i;
                    components.add(id);
                    ps.setString(1, id);
                    ps.setString(2, "Componente de prueba " + i);
                    ps.setString(3, "Grupo " + (i / 10));
                    ps.setInt(4, i);
                    ps.setObject(5, now.minusDays(400));
                    ps.setObject(6, now.minusDays(400));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement incident = c.prepareStatement("""
                    insert into incident (id, title, status, impact, created_at, updated_at, resolved_at)
                    values (?, ?, 'resolved', 'major', ?, ?, ?)""");
                    PreparedStatement update = c.prepareStatement("""
                            insert into incident_update (id, incident_id, status, body, lang, created_at)
                            values (?, ?, ?, ?, 'es', ?)""");
                    PreparedStatement touched = c.prepareStatement(
                            "insert into incident_component (incident_id, component_id, status) values (?, ?, 'partial_outage')");
                    PreparedStatement change = c.prepareStatement("""
                            insert into component_status_change (component_id, status, changed_at, event_id)
                            values (?, ?, ?, ?)""")) {
                for (int i = 0; i < incidentCount; i++) {
                    String id = prefix + "-i" + i;
                    OffsetDateTime[] times = span.apply(random);
                    OffsetDateTime start = times[0];
                    OffsetDateTime end = times[1];
                    String component = components.get(random.nextInt(componentCount));
                    incident.setString(1, id);
                    incident.setString(2, "Interrupción de prueba número " + i);
                    incident.setObject(3, start);
                    incident.setObject(4, end);
                    incident.setObject(5, end);
                    incident.addBatch();
                    update.setString(1, id + "-1");
                    update.setString(2, id);
                    update.setString(3, "investigating");
                    update.setString(4, "Estamos investigando una interrupción parcial del servicio.");
                    update.setObject(5, start);
                    update.addBatch();
                    update.setString(1, id + "-2");
                    update.setString(2, id);
                    update.setString(3, "resolved");
                    update.setString(4, "El servicio funciona con normalidad.");
                    update.setObject(5, end);
                    update.addBatch();
                    touched.setString(1, id);
                    touched.setString(2, component);
                    touched.addBatch();
                    change.setString(1, component);
                    change.setString(2, "partial_outage");
                    change.setObject(3, start);
                    change.setString(4, id + "-1");
                    change.addBatch();
                    change.setString(1, component);
                    change.setString(2, "operational");
                    change.setObject(3, end);
                    change.setString(4, id + "-2");
                    change.addBatch();
                }
                incident.executeBatch();
                update.executeBatch();
                touched.executeBatch();
                change.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.execute("update page_state set revision = revision + 1, updated_at = now()");
            }
            c.commit();
        }
        StatusTables.announceChange();
    }
}
