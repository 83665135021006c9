package io.heraldo.audience;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.heraldo.platform.HmacSha256;

/**
 * The tokens of the links sent to subscribers: {@code base64url(subscriber id (16 bytes) + HMAC-SHA256 (32 bytes))}.
 * <p>
 * The MAC covers a purpose label and the id (and, for confirmation, the subscriber's current nonce), so a token
 * names its subscriber, cannot be turned into another subscriber's, and a token of one purpose (confirm, unsubscribe,
 * manage) is no token of another. Rotating the nonce on each new opt-in voids older confirmation links. Nothing is
 * stored per token.
 */
public class SubscriberTokens {

    static final int KEY_LENGTH = 32;
    private static final int ID_LENGTH = 16;
    private static final int MAC_LENGTH = 32;
    private static final String CONFIRM = "heraldo/subscriber/confirm/v1";
    private static final String UNSUBSCRIBE = "heraldo/subscriber/unsubscribe/v1";
    private static final String MANAGE = "heraldo/subscriber/manage/v1";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final HmacSha256 hmac;

    public SubscriberTokens(byte[] key) {
        if (key == null || key.length < KEY_LENGTH) {
            throw new IllegalArgumentException("the token key must have at least " + KEY_LENGTH + " bytes");
        }
        this.hmac = new HmacSha256(key);
    }

    public String confirmToken(UUID id, String nonce) {
        return token(id, mac(CONFIRM, id, nonce));
    }

    public String unsubscribeToken(UUID id) {
        return token(id, mac(UNSUBSCRIBE, id, ""));
    }

    /** The token of the subscriber's own page: it changes what they hear, so it is no unsubscribe token either. */
    public String manageToken(UUID id) {
        return token(id, mac(MANAGE, id, ""));
    }

    /**
     * The id a token claims to be for, <em>not verified</em>: only to look up the nonce that
     * {@link #verifyConfirm} needs.
     */
    public Optional<UUID> claimedId(String token) {
        return decode(token).map(SubscriberTokens::idOf);
    }

    /** The subscriber a confirmation token is for, when it was made for that subscriber and that nonce. */
    public Optional<UUID> verifyConfirm(String token, String nonce) {
        return verify(token, CONFIRM, nonce);
    }

    /** The subscriber an unsubscribe token is for, when it is genuine. */
    public Optional<UUID> verifyUnsubscribe(String token) {
        return verify(token, UNSUBSCRIBE, "");
    }

    /** The subscriber a token of their own page is for, when it is genuine. */
    public Optional<UUID> verifyManage(String token) {
        return verify(token, MANAGE, "");
    }

    private Optional<UUID> verify(String token, String purpose, String nonce) {
        if (nonce == null) {
            return Optional.empty();
        }
        Optional<byte[]> raw = decode(token);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        UUID id = idOf(raw.get());
        byte[] given = new byte[MAC_LENGTH];
        System.arraycopy(raw.get(), ID_LENGTH, given, 0, MAC_LENGTH);
        // Constant time: a mismatch takes as long wherever it is, so the MAC cannot be guessed byte by byte.
        return MessageDigest.isEqual(given, mac(purpose, id, nonce)) ? Optional.of(id) : Optional.empty();
    }

    private static Optional<byte[]> decode(String token) {
        if (token == null || token.length() > 128) {
            return Optional.empty();
        }
        try {
            byte[] raw = DECODER.decode(token.strip());
            return raw.length == ID_LENGTH + MAC_LENGTH ? Optional.of(raw) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static UUID idOf(byte[] raw) {
        ByteBuffer buffer = ByteBuffer.wrap(raw, 0, ID_LENGTH);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static String token(UUID id, byte[] mac) {
        return ENCODER.encodeToString(ByteBuffer.allocate(ID_LENGTH + MAC_LENGTH)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).put(mac).array());
    }

    private byte[] mac(String purpose, UUID id, String nonce) {
        // Length-prefixed parts: no two different (purpose, id, nonce) give the same input.
        byte[] label = purpose.getBytes(StandardCharsets.UTF_8);
        byte[] n = nonce.getBytes(StandardCharsets.UTF_8);
        return hmac.of(ByteBuffer.allocate(4 + label.length + ID_LENGTH + 4 + n.length).putInt(label.length).put(label)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).putInt(n.length).put(n)
                .array());
    }
}
