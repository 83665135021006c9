package io.heraldo.inbox;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * RFC 3834 and the contract (4b): a message that is itself automatic never gets an automatic reply, or two
 * responders would answer each other forever. Automatic is: {@code Auto-Submitted} other than {@code no},
 * {@code Precedence: bulk|list|junk}, a {@code List-Id}, {@code X-Auto-Response-Suppress} (Exchange), an empty or
 * {@code MAILER-DAEMON} sender or return path, and mail from Heraldo's own address.
 */
final class AutomaticMail {

    private AutomaticMail() {
    }

    /**
     * Why the message is automatic, or empty when a person wrote it.
     *
     * @param header the first value of a header, or {@code null} when the message has none
     * @param sender the address the message is from, or {@code null}
     * @param ownAddresses Heraldo's addresses, lower case
     */
    static Optional<String> reason(Function<String, String> header, String sender, Collection<String> ownAddresses) {
        String autoSubmitted = token(header.apply("Auto-Submitted"));
        if (autoSubmitted != null && !autoSubmitted.equals("no")) {
            return Optional.of("Auto-Submitted: " + autoSubmitted);
        }
        String precedence = token(header.apply("Precedence"));
        if (precedence != null && (precedence.equals("bulk") || precedence.equals("list") || precedence.equals("junk"))) {
            return Optional.of("Precedence: " + precedence);
        }
        if (header.apply("List-Id") != null) {
            return Optional.of("mailing list (List-Id)");
        }
        if (present(header.apply("X-Auto-Response-Suppress"))) {
            return Optional.of("X-Auto-Response-Suppress");
        }
        String returnPath = header.apply("Return-Path");
        if (returnPath != null) {
            String path = returnPath.replaceAll("[<>\\s]", "");
            if (path.isEmpty()) {
                return Optional.of("empty return path");
            }
            if (daemon(path)) {
                return Optional.of("return path of a mail daemon");
            }
        }
        if (sender == null || sender.isBlank()) {
            return Optional.of("no sender");
        }
        if (daemon(sender)) {
            return Optional.of("sender is a mail daemon");
        }
        if (ownAddresses.contains(sender.toLowerCase(Locale.ROOT))) {
            return Optional.of("sent by Heraldo itself");
        }
        return Optional.empty();
    }

    private static boolean daemon(String address) {
        int at = address.indexOf('@');
        String local = (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
        return local.equals("mailer-daemon");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** The first word of a header value, lower case, without parameters or comments; {@code null} when absent. */
    private static String token(String value) {
        if (value == null) {
            return null;
        }
        String token = value.replaceAll("\\(.*?\\)", "").split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return token.isEmpty() ? null : token;
    }
}
