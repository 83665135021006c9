package io.heraldo.platform;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, with a keyed {@link Mac} per thread: every mail of a fan-out carries several tokens, and
 * looking the algorithm up and keying it for each one cost more than the MAC itself.
 */
public final class HmacSha256 {

    private final ThreadLocal<Mac> macs;

    public HmacSha256(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> keyed(spec));
    }

    /** The MAC of {@code input}; the thread's {@link Mac} is reset for its next use. */
    public byte[] of(byte[] input) {
        return macs.get().doFinal(input);
    }

    private static Mac keyed(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
