package io.heraldo.audience;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Writes every subscriber as CSV ({@value SubscriberCsv#EXPORT_HEADER}), oldest first, straight from a database
 * cursor: memory does not grow with the number of subscribers. Cells a spreadsheet would run as formulas are
 * neutralised ({@link SubscriberCsv#field}).
 */
@ApplicationScoped
public class SubscriberExport {

    private static final int FETCH_SIZE = 1000;

    private final Jdbi jdbi;

    public SubscriberExport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void write(OutputStream out) throws IOException {
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 65536);
        csv.write(SubscriberCsv.EXPORT_HEADER);
        csv.write("\r\n");
        try {
            // PostgreSQL streams rows through a cursor only inside a transaction and with a fetch size.
            jdbi.useTransaction(handle -> {
                try (ResultIterator<String> lines = handle.createQuery(
                        "select email, locale, components, state, created_at, kinds from subscriber order by created_at, id")
                        .setFetchSize(FETCH_SIZE)
                        .map(SubscriberExport::line)
                        .iterator()) {
                    while (lines.hasNext()) {
                        csv.write(lines.next());
                    }
                }
            });
        } catch (JdbiException e) {
            throw new IOException("the export failed: " + e.getMessage(), e);
        }
        csv.flush();
    }

    private static String line(ResultSet rs, StatementContext ctx) throws SQLException {
        return SubscriberCsv.field(rs.getString(1)) + ',' + SubscriberCsv.field(rs.getString(2)) + ','
                + SubscriberCsv.components(List.of((String[]) rs.getArray(3).getArray())) + ','
                + SubscriberCsv.field(rs.getString(4)) + ',' + SubscriberJson.time(rs.getObject(5, OffsetDateTime.class))
                + ',' + SubscriberCsv.field(rs.getString(6)) + "\r\n";
    }
}
