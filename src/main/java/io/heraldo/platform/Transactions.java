package io.heraldo.platform;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Runs work in one JDBC transaction: committed when the work returns, rolled back when it throws. The one place that
 * owns {@code setAutoCommit(false)}, commit and rollback.
 */
public final class Transactions {

    /** Work on a connection whose transaction the caller owns. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    private Transactions() {
    }

    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.on(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Work that needs no transaction of its own (one statement). */
    public static <T> T withConnection(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.on(c);
        }
    }
}
