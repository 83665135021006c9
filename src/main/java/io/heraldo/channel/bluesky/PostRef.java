package io.heraldo.channel.bluesky;

/**
 * A post as a reply names it (a strong reference: the record's {@code at://} URI and the CID of its content), kept as
 * the delivery's external id {@code uri|cid}, so later updates of the thread can answer it and its root.
 */
public record PostRef(String uri, String cid) {

    private static final char SEPARATOR = '|';

    public String externalId() {
        return uri + SEPARATOR + cid;
    }

    /** The reference an external id holds, or {@code null} when it holds none. */
    public static PostRef of(String externalId) {
        if (externalId == null) {
            return null;
        }
        int at = externalId.lastIndexOf(SEPARATOR);
        if (at <= 0 || at == externalId.length() - 1) {
            return null;
        }
        return new PostRef(externalId.substring(0, at), externalId.substring(at + 1));
    }
}
