package io.heraldo.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether a notification a returned Message-ID names was made: the fan-out keeps every one it sends. */
@ApplicationScoped
public class SentNotifications {

    private final DataSource dataSource;

    public SentNotifications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean exists(String notificationId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1 from notification where id = ?")) {
            ps.setString(1, notificationId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the notifications: " + e.getMessage(), e);
        }
    }
}
