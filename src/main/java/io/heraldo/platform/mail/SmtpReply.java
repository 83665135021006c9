package io.heraldo.platform.mail;

/**
 * What the relay answered for one mail: accepted ({@code 250}), refused for good ({@code 5xx}) or for now
 * ({@code 4xx}, or no answer at all: {@code code} 0).
 */
public record SmtpReply(int code, String text) {

    public boolean accepted() {
        return code >= 200 && code < 300;
    }

    /** A refusal that will not pass by trying again. */
    public boolean permanent() {
        return code >= 500;
    }

    static SmtpReply noAnswer(String why) {
        return new SmtpReply(0, why);
    }

    @Override
    public String toString() {
        return code == 0 ? text : code + " " + text;
    }
}
