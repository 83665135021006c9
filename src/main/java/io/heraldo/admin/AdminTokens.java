package io.heraldo.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks bearer tokens against the configured admin token. Both sides are hashed first so the comparison takes the
 * same time whatever the length or content of what was sent, and the token itself is never kept in a field.
 */
public final class AdminTokens {

    private final byte[] expectedHash;

    public AdminTokens(Optional<String> token) {
        this.expectedHash = token.filter(t -> !t.isBlank()).map(AdminTokens::sha256).orElse(null);
    }

    /** No token configured: the admin API is closed. */
    public boolean isClosed() {
        return expectedHash == null;
    }

    /** Whether an {@code Authorization} header carries the admin token. */
    public boolean accepts(String authorization) {
        if (expectedHash == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expectedHash, sha256(authorization.substring(7).trim()));
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
