package io.heraldo.channel.chat;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One notification as every chat service tells it, composed once per notification and language: words in the
 * destination's language, text from the event exactly as the producer wrote it (plain text: each service escapes it
 * for its own markup). Services only lay it out.
 *
 * @param headline the status in words and the title ({@code Investigando: Caída de LDAP}), or the title alone
 * @param facts status, impact, maintenance window: our own words and the event's enumerations, never free text
 * @param components the components touched, each {@code name: status in words}, at most a few (the last line says
 *        how many more)
 * @param update the latest update's text, {@code null} when the event has none
 * @param link the incident's or maintenance's page, or the status page
 * @param at when it happened
 * @param threadKey the incident or maintenance id for services that thread by a key of ours (Google Chat);
 *        {@code null} for notices and component changes, which stand alone
 */
public record ChatMessage(String headline, List<Fact> facts, String componentsLabel, List<String> components,
        String updateLabel, String update, String link, String linkLabel, Tone tone, OffsetDateTime at,
        String threadKey) {

    /** A label and its value. */
    public record Fact(String label, String value) {
    }

    /** How the message should look at a glance: the colour of a side bar or an embed. */
    public enum Tone {
        RESOLVED(0x2EA043),
        INFO(0x6E7781),
        MINOR(0xD4A72C),
        MAJOR(0xE16F24),
        CRITICAL(0xCF222E),
        MAINTENANCE(0x0969DA);

        private final int rgb;

        Tone(int rgb) {
            this.rgb = rgb;
        }

        public int rgb() {
            return rgb;
        }

        /** {@code #RRGGBB}. */
        public String hex() {
            return String.format("#%06X", rgb);
        }
    }
}
