package io.heraldo.audience;

import java.security.SecureRandom;
import java.util.Base64;

import org.jdbi.v3.core.Jdbi;

/**
 * Secrets Heraldo makes for itself, kept in {@code app_secret} so every replica uses the same one. The first replica
 * that needs one creates it; a replica racing it loses the insert and reads the winner's.
 */
final class AppSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AppSecrets() {
    }

    static byte[] bytes(Jdbi jdbi, String name, int length) {
        byte[] fresh = new byte[length];
        RANDOM.nextBytes(fresh);
        String stored = jdbi.withHandle(handle -> {
            handle.createUpdate("insert into app_secret (name, value) values (:name, :value) on conflict (name) do nothing")
                    .bind("name", name)
                    .bind("value", Base64.getEncoder().encodeToString(fresh))
                    .execute();
            return handle.createQuery("select value from app_secret where name = :name")
                    .bind("name", name)
                    .mapTo(String.class)
                    .findOne()
                    .orElseThrow(() -> new IllegalStateException("the secret " + name + " vanished after it was stored"));
        });
        return Base64.getDecoder().decode(stored);
    }

    /** A random value for links that must stop working later (16 bytes, base64url). */
    static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
