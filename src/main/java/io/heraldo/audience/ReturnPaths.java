package io.heraldo.audience;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.heraldo.platform.HmacSha256;

/**
 * VERP return paths: the SMTP envelope sender of each mail to a subscriber is a plus-address of the sending mailbox,
 * {@code ayuda+b-<token>@domain}, which mail servers deliver to {@code ayuda@domain} itself. A bounce comes back to
 * that address, and the token says whose mail bounced: no reading of what the report claims is needed to know it.
 * <p>
 * The token is {@code base32(subscriber id (16 bytes) + mail tag (2) + HMAC-SHA256 (first 10))}, 45 characters,
 * lower case (a server that folds case leaves it intact). The tag is the start of the SHA-256 of the mail's id (a
 * notification id, or {@code confirm:<nonce>}), so a token also names the mail it went out with. The MAC covers a
 * purpose label, the id and the tag: only Heraldo makes a token, and one subscriber's cannot be turned into
 * another's. With the {@code b-} mark the local part is 48 characters longer than the mailbox's; past the 64 of
 * RFC 5321 there is no return path and bounces are matched by Message-ID alone.
 */
public class ReturnPaths {

    static final int KEY_LENGTH = 32;
    /** Between the mailbox's local part and the token; the {@code +} is the usual recipient delimiter. */
    static final String MARK = "+b-";
    static final int TOKEN_LENGTH = 45;
    private static final int ID_LENGTH = 16;
    private static final int TAG_LENGTH = 2;
    private static final int MAC_LENGTH = 10;
    private static final int RAW_LENGTH = ID_LENGTH + TAG_LENGTH + MAC_LENGTH;
    private static final int MAX_LOCAL_PART = 64;
    private static final String PURPOSE = "heraldo/return-path/v1";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    /** A genuine return path: the subscriber the mail went to, and a tag of the mail's id. */
    public record Verified(UUID subscriberId, int mailTag) {

        /** Whether the mail this return path went out with had this id (as far as 16 bits tell). */
        public boolean isFor(String mailId) {
            return mailId != null && tag(mailId) == mailTag;
        }
    }

    private final HmacSha256 hmac;
    private final String local;
    private final String domain;
    private final boolean signing;

    /**
     * @param mailbox the sending mailbox ({@code heraldo.email.from}'s address): return paths are plus-addresses of it
     * @param signing whether {@link #address} makes return paths; verifying works either way, so mail sent before
     *        VERP was turned off still counts
     */
    public ReturnPaths(byte[] key, String mailbox, boolean signing) {
        if (key == null || key.length < KEY_LENGTH) {
            throw new IllegalArgumentException("the return path key must have at least " + KEY_LENGTH + " bytes");
        }
        int at = mailbox == null ? -1 : mailbox.lastIndexOf('@');
        if (at < 1 || at == mailbox.length() - 1) {
            throw new IllegalArgumentException("not a mailbox: " + mailbox);
        }
        this.hmac = new HmacSha256(key);
        this.local = mailbox.substring(0, at);
        this.domain = mailbox.substring(at + 1);
        // A quoted or otherwise unusual local part would need quoting once extended: no return paths then.
        boolean plain = local.matches("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+");
        this.signing = signing && plain && local.length() + MARK.length() + TOKEN_LENGTH <= MAX_LOCAL_PART;
    }

    /** Whether {@link #address} makes return paths: on, and the mailbox's local part leaves room for a token. */
    public boolean signing() {
        return signing;
    }

    /**
     * The return path of a mail to a subscriber; empty when return paths are off, or the recipient id is not a
     * subscriber's.
     *
     * @param mailId the mail's id: the notification id, or {@code confirm:<nonce>} for a confirmation
     */
    public Optional<String> address(String subscriberId, String mailId) {
        if (!signing || subscriberId == null || mailId == null) {
            return Optional.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(subscriberId);
        } catch (IllegalArgumentException notASubscriber) {
            return Optional.empty();
        }
        return Optional.of(local + MARK + token(id, tag(mailId)) + "@" + domain);
    }

    /** The token of a return path (for tests and the address itself). */
    String token(UUID id, int tag) {
        ByteBuffer raw = ByteBuffer.allocate(RAW_LENGTH).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).putShort((short) tag);
        raw.put(mac(id, tag), 0, MAC_LENGTH);
        return base32(raw.array());
    }

    /**
     * What an address a report came to says, when it is one of our return paths and its token is genuine. Case,
     * angle brackets and surrounding blanks do not matter.
     */
    public Optional<Verified> verify(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1).strip();
        }
        a = a.toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        String prefix = (local + MARK).toLowerCase(Locale.ROOT);
        if (at < 0 || !a.substring(at + 1).equals(domain.toLowerCase(Locale.ROOT)) || !a.startsWith(prefix)
                || at - prefix.length() != TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] raw = unbase32(a.substring(prefix.length(), at));
        if (raw == null || raw.length != RAW_LENGTH) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        int tag = buffer.getShort() & 0xffff;
        byte[] given = new byte[MAC_LENGTH];
        buffer.get(given);
        byte[] expected = new byte[MAC_LENGTH];
        System.arraycopy(mac(id, tag), 0, expected, 0, MAC_LENGTH);
        // Constant time, as for the subscriber tokens.
        return MessageDigest.isEqual(given, expected) ? Optional.of(new Verified(id, tag)) : Optional.empty();
    }

    static int tag(String mailId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mailId.getBytes(StandardCharsets.UTF_8));
            return ((digest[0] & 0xff) << 8) | (digest[1] & 0xff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private byte[] mac(UUID id, int tag) {
        byte[] label = PURPOSE.getBytes(StandardCharsets.UTF_8);
        return hmac.of(ByteBuffer.allocate(4 + label.length + ID_LENGTH + TAG_LENGTH).putInt(label.length).put(label)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).putShort((short) tag)
                .array());
    }

    /** RFC 4648 base32, lower case, without padding. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** The bytes of lower-case base32 without padding; {@code null} when it is not that (or not canonical). */
    static byte[] unbase32(String text) {
        int length = text.length() * 5 / 8;
        byte[] out = new byte[length];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = ALPHABET.indexOf(text.charAt(i));
            if (value < 0) {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        // Leftover bits must be zero: one byte string, one text.
        return bits >= 5 || buffer != 0 ? null : out;
    }
}
