package io.heraldo.inbox;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a message to the support mailbox asks for (contract 4b): the subject, or else the first line of the text,
 * is a command word in Spanish or English. Only a line that is the command and nothing else counts, so "Baja
 * velocidad del correo" is a question, not an unsubscribe. The one exception is the {@code List-Unsubscribe} mailto of
 * every notification: an unsubscribe word followed by the subscriber's token ({@link #unsubscribeToken}).
 */
public enum MailCommand {

    SUBSCRIBE, UNSUBSCRIBE, NONE;

    /** Reply and forward prefixes of common clients, repeated or numbered ({@code Re[2]:}), in any case. */
    private static final Pattern PREFIX = Pattern.compile("^(?:(?:re|fwd?|rv|aw|wg|tr|sv|antw|r)\\s*(?:\\[\\d+])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern EDGES = Pattern.compile("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** A subscriber token: URL-safe base64, as the unsubscribe links carry it. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private static final Map<String, MailCommand> WORDS = Map.ofEntries(
            Map.entry("suscribir", SUBSCRIBE), Map.entry("suscribirme", SUBSCRIBE), Map.entry("subscribe", SUBSCRIBE),
            Map.entry("baja", UNSUBSCRIBE), Map.entry("dar de baja", UNSUBSCRIBE),
            Map.entry("darme de baja", UNSUBSCRIBE), Map.entry("desuscribir", UNSUBSCRIBE),
            Map.entry("desuscribirme", UNSUBSCRIBE), Map.entry("unsubscribe", UNSUBSCRIBE));

    /** The command of a message: its subject's, else its first non-blank text line's, else {@link #NONE}. */
    public static MailCommand of(String subject, String firstLine) {
        MailCommand fromSubject = ofLine(subject);
        return fromSubject != NONE ? fromSubject : ofLine(firstLine);
    }

    /**
     * The token of {@code unsubscribe <token>} (any unsubscribe word, reply prefixes allowed) in the subject, else
     * in the first line; {@code null} when neither is one. The token is not verified here.
     */
    public static String unsubscribeToken(String subject, String firstLine) {
        String token = unsubscribeToken(subject);
        return token != null ? token : unsubscribeToken(firstLine);
    }

    static String unsubscribeToken(String line) {
        if (line == null || line.length() > 300) {
            return null;
        }
        String text = line.strip();
        int space = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\t'));
        if (space < 0) {
            return null;
        }
        // The token as written: it is case-sensitive, and may begin or end with '-' or '_'.
        String token = text.substring(space + 1);
        if (token.length() > 2 && token.startsWith("<") && token.endsWith(">")) {
            token = token.substring(1, token.length() - 1);
        }
        return TOKEN.matcher(token).matches() && ofLine(text.substring(0, space)) == UNSUBSCRIBE ? token : null;
    }

    /** The command one line is, ignoring case, accents, reply prefixes and surrounding punctuation. */
    static MailCommand ofLine(String line) {
        if (line == null || line.length() > 200) {
            return NONE;
        }
        String text = Normalizer.normalize(line, Normalizer.Form.NFKD);
        text = MARKS.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
        text = EDGES.matcher(text).replaceAll("");
        text = PREFIX.matcher(text).replaceFirst("");
        text = EDGES.matcher(text).replaceAll("");
        text = SPACES.matcher(text).replaceAll(" ");
        return WORDS.getOrDefault(text, NONE);
    }
}
