package io.heraldo.console;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The console's name for an operator signed in with OpenID Connect: the ID token's {@code preferred_username}, else
 * its {@code email}, else its {@code sub}. The name is the audit log's actor, a session's owner and the last segment
 * of the events' {@code source} ({@code /console/<actor>}), so it is made safe for all three: letters, digits and
 * {@code . _ @ + -} are kept, anything else (spaces, slashes, control characters) becomes {@code _}, and it is cut
 * to the 64 characters the tables keep.
 */
final class OidcActor {

    static final int MAX_LENGTH = 64;

    private OidcActor() {
    }

    /** The first claim that names someone, made safe; empty when the token names nobody. */
    static Optional<String> name(String preferredUsername, String email, String subject) {
        return Stream.of(preferredUsername, email, subject).map(OidcActor::safe).filter(name -> name != null)
                .findFirst();
    }

    private static String safe(String claim) {
        if (claim == null) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        claim.strip().codePoints().limit(MAX_LENGTH).forEach(c -> {
            if (Character.isLetterOrDigit(c) || ".-_@+".indexOf(c) >= 0) {
                name.appendCodePoint(c);
            } else {
                name.append('_');
            }
        });
        // a name of nothing but replaced characters names nobody
        return name.codePoints().anyMatch(Character::isLetterOrDigit) ? name.toString() : null;
    }
}
