package io.heraldo.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * The admin tokens accepted at once, so a new one can be rolled out before the old one is removed. Each is held only
 * as its SHA-256: configured either in clear ({@code heraldo.admin.token}, entries of {@code heraldo.admin.tokens}) or
 * already hashed ({@code sha256:<hex>}, optionally named {@code <name>:sha256:<hex>}), so the clear token need not be
 * in the configuration at all. A presented token is hashed too and compared with every configured hash with
 * {@link MessageDigest#isEqual}, which takes the same time whatever the bytes, on digests of one fixed length.
 * Each token has an id that is not secret (its name, or {@code token-} and the first 8 hex digits of its hash),
 * which the audit log records as "who".
 */
public final class AdminTokens {

    private static final Logger LOG = Logger.getLogger(AdminTokens.class);
    private static final Pattern HASHED = Pattern.compile("(?:([A-Za-z0-9._-]{1,32}):)?(?i:sha256):([0-9a-fA-F]{64})");

    /** One accepted token: its hash and its id. */
    record Accepted(byte[] hash, String id) {
    }

    private final List<Accepted> accepted;

    /** Only {@code heraldo.admin.token}. */
    public AdminTokens(Optional<String> token) {
        this(token, Optional.empty());
    }

    public AdminTokens(Optional<String> token, Optional<List<String>> tokens) {
        List<Accepted> all = new ArrayList<>();
        token.filter(t -> !t.isBlank()).ifPresent(t -> all.add(clear(t.trim())));
        List<String> entries = tokens.orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i) == null ? "" : entries.get(i).trim();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher hashed = HASHED.matcher(entry);
            if (hashed.matches()) {
                byte[] hash = HexFormat.of().parseHex(hashed.group(2).toLowerCase(java.util.Locale.ROOT));
                all.add(new Accepted(hash, hashed.group(1) != null ? hashed.group(1) : idOf(hash)));
            } else if (entry.regionMatches(true, 0, "sha256:", 0, 7) || entry.toLowerCase(java.util.Locale.ROOT).contains(":sha256:")) {
                // Never log the entry: it may be a mistyped clear token.
                LOG.errorf("heraldo.admin.tokens entry %d looks like a hash but is not sha256:<64 hex digits>; ignored",
                        i + 1);
            } else {
                all.add(clear(entry));
            }
        }
        this.accepted = List.copyOf(all);
    }

    /** No token configured: the admin API is closed. */
    public boolean isClosed() {
        return accepted.isEmpty();
    }

    /** The ids of the accepted tokens, in configuration order. */
    public List<String> ids() {
        return accepted.stream().map(Accepted::id).toList();
    }

    /** Whether an {@code Authorization} header carries an admin token. */
    public boolean accepts(String authorization) {
        return identify(authorization).isPresent();
    }

    /** The id of the token an {@code Authorization: Bearer} header carries, if it is one of the accepted ones. */
    public Optional<String> identify(String authorization) {
        if (accepted.isEmpty() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String presented = authorization.substring(7).trim();
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented);
        String match = null;
        // Every hash is compared, match or not, so the time taken does not tell which one matched.
        for (Accepted token : accepted) {
            if (MessageDigest.isEqual(token.hash(), hash) && match == null) {
                match = token.id();
            }
        }
        return Optional.ofNullable(match);
    }

    private static Accepted clear(String token) {
        byte[] hash = sha256(token);
        return new Accepted(hash, idOf(hash));
    }

    static String idOf(byte[] hash) {
        return "token-" + HexFormat.of().formatHex(hash, 0, 4);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
