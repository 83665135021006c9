package io.heraldo.site;

/** Which copy of a document a client gets, by its {@code Accept-Encoding} (RFC 9110, 12.5.3). */
public final class ContentCoding {

    private ContentCoding() {
    }

    /**
     * Whether the client takes gzip: named ({@code gzip} or its old alias {@code x-gzip}) with a weight above 0, or
     * left to {@code *} with a weight above 0. No header, or only {@code identity}, gets the plain copy.
     */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.isEmpty()) {
            return false;
        }
        Boolean any = null;
        int at = 0;
        int length = acceptEncoding.length();
        while (at < length) {
            int comma = acceptEncoding.indexOf(',', at);
            int end = comma < 0 ? length : comma;
            String member = acceptEncoding.substring(at, end);
            at = end + 1;
            int semicolon = member.indexOf(';');
            String coding = (semicolon < 0 ? member : member.substring(0, semicolon)).strip();
            boolean wanted = semicolon < 0 || weight(member.substring(semicolon + 1)) > 0;
            if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
                return wanted;
            }
            if (coding.equals("*")) {
                any = wanted;
            }
        }
        return any != null && any;
    }

    /** The {@code q} of a member's parameters; 1 when absent, 0 when unreadable (the safe side: plain). */
    private static double weight(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.strip();
            if (p.length() > 1 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    return Double.parseDouble(p.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
