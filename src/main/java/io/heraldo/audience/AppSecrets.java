package io.heraldo.audience;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

import javax.sql.DataSource;

/**
 * Secrets Heraldo makes for itself, kept in {@code app_secret} so every replica uses the same one. The first replica
 * that needs one creates it; a replica racing it loses the insert and reads the winner's.
 */
final class AppSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AppSecrets() {
    }

    static byte[] bytes(DataSource dataSource, String name, int length) {
        byte[] fresh = new byte[length];
        RANDOM.nextBytes(fresh);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into app_secret (name, value) values (?, ?) on conflict (name) do nothing")) {
                ps.setString(1, name);
                ps.setString(2, Base64.getEncoder().encodeToString(fresh));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("select value from app_secret where name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("the secret " + name + " vanished after it was stored");
                    }
                    return Base64.getDecoder().decode(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the secret " + name + ": " + e.getMessage(), e);
        }
    }

    /** A random value for links that must stop working later (16 bytes, base64url). */
    static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
