package io.heraldo.audience;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Email addresses as Heraldo stores them: trimmed, the domain in lower case (the local part is kept as typed, since
 * some servers tell cases apart; uniqueness is case-insensitive on the whole address, by the database index).
 * <p>
 * Validation is a practical subset of RFC 5322: a dot-atom local part and a host name of letters, digits and
 * hyphens. Quoted local parts, comments, IP literals and non-ASCII addresses are refused: real subscribers do not
 * use them and relays handle them badly.
 */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL_LENGTH = 64;

    /** RFC 5322 atext. */
    private static final Pattern ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+");
    /** RFC 1035 label (letters, digits, hyphens; not starting or ending with a hyphen). */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LEVEL = Pattern.compile(".*[a-z].*");

    private EmailAddresses() {
    }

    /** Trims and lower-cases the domain; anything without exactly one {@code @} is only trimmed. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        int at = trimmed.indexOf('@');
        if (at < 0 || at != trimmed.lastIndexOf('@')) {
            return trimmed;
        }
        return trimmed.substring(0, at + 1) + trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** Why a (normalized) address is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.of("is required");
        }
        if (address.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < address.length(); i++) {
            char ch = address.charAt(i);
            if (Character.isWhitespace(ch) || Character.isISOControl(ch) || Character.isSpaceChar(ch)) {
                return Optional.of("must not contain spaces, line breaks or control characters");
            }
            if (ch > 127) {
                return Optional.of("must be plain ASCII (internationalized addresses are not supported)");
            }
        }
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@')) {
            return Optional.of("must contain exactly one @");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.isEmpty()) {
            return Optional.of("has nothing before the @");
        }
        if (local.length() > MAX_LOCAL_LENGTH) {
            return Optional.of("has more than " + MAX_LOCAL_LENGTH + " characters before the @");
        }
        for (String atom : local.split("\\.", -1)) {
            if (atom.isEmpty()) {
                return Optional.of("must not start or end with a dot, or have two dots in a row, before the @");
            }
            if (!ATOM.matcher(atom).matches()) {
                return Optional.of("has a character not allowed before the @");
            }
        }
        if (domain.isEmpty()) {
            return Optional.of("has no domain after the @");
        }
        String[] labels = domain.toLowerCase(Locale.ROOT).split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("needs a domain with a dot, like example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("has an invalid domain '" + domain + "'");
            }
        }
        if (!TOP_LEVEL.matcher(labels[labels.length - 1]).matches()) {
            return Optional.of("has an invalid domain '" + domain + "'");
        }
        return Optional.empty();
    }
}
