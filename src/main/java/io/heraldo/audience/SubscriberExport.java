package io.heraldo.audience;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes every subscriber as CSV ({@value SubscriberCsv#EXPORT_HEADER}), oldest first, straight from a database
 * cursor: memory does not grow with the number of subscribers. Cells a spreadsheet would run as formulas are
 * neutralised ({@link SubscriberCsv#field}).
 */
@ApplicationScoped
public class SubscriberExport {

    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public SubscriberExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(OutputStream out) throws IOException {
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 65536);
        csv.write(SubscriberCsv.EXPORT_HEADER);
        csv.write("\r\n");
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL streams rows through a cursor only inside a transaction and with a fetch size.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "select email, locale, components, state, created_at from subscriber order by created_at, id")) {
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        csv.write(SubscriberCsv.field(rs.getString(1)));
                        csv.write(',');
                        csv.write(SubscriberCsv.field(rs.getString(2)));
                        csv.write(',');
                        csv.write(SubscriberCsv.components(List.of((String[]) rs.getArray(3).getArray())));
                        csv.write(',');
                        csv.write(SubscriberCsv.field(rs.getString(4)));
                        csv.write(',');
                        csv.write(SubscriberJson.time(rs.getObject(5, OffsetDateTime.class)));
                        csv.write("\r\n");
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("the export failed: " + e.getMessage(), e);
        }
        csv.flush();
    }
}
