package io.heraldo.channel.twitter;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a (RFC 5849) HMAC-SHA1 signing of a request in user context. A JSON body is not part of the signature
 * base string; only the oauth_* parameters and any query or form parameters are. Plain functions but for the
 * nonce and clock, which {@link #authorization} takes as arguments so tests can pin them.
 */
public final class OAuth1Signer {

    /** The four secrets of a user-context call. */
    public record Credentials(String consumerKey, String consumerSecret, String token, String tokenSecret) {

        @Override
        public String toString() {
            // Never print the secrets, even by accident in a log line.
            return "Credentials[consumerKey=" + consumerKey + ", token=" + token + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuth1Signer() {
    }

    /** The {@code Authorization} header value for a request, with a fresh nonce and the current time. */
    public static String authorization(String method, URI uri, Map<String, String> requestParams, Credentials credentials) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return authorization(method, uri, requestParams, credentials, HexFormat.of().formatHex(nonce),
                System.currentTimeMillis() / 1000);
    }

    public static String authorization(String method, URI uri, Map<String, String> requestParams, Credentials credentials,
            String nonce, long timestamp) {
        Map<String, String> oauth = new TreeMap<>();
        oauth.put("oauth_consumer_key", credentials.consumerKey());
        oauth.put("oauth_nonce", nonce);
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", Long.toString(timestamp));
        oauth.put("oauth_token", credentials.token());
        oauth.put("oauth_version", "1.0");
        Map<String, String> all = new TreeMap<>(requestParams);
        all.putAll(oauth);
        oauth.put("oauth_signature", signature(baseString(method, uri, all), credentials.consumerSecret(),
                credentials.tokenSecret()));
        return "OAuth " + oauth.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=\"" + encode(e.getValue()) + "\"")
                .collect(Collectors.joining(", "));
    }

    /** RFC 5849 §3.4.1: method, base URI and normalized parameters, each percent-encoded, joined by {@code &}. */
    public static String baseString(String method, URI uri, Map<String, String> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
        // Sorted by encoded name, then encoded value (§3.4.1.3.2).
        pairs.sort(null);
        return method.toUpperCase(Locale.ROOT) + "&" + encode(baseUri(uri)) + "&" + encode(String.join("&", pairs));
    }

    /** §3.4.1.2: lower-case scheme and host, the port only when it is not the scheme's default, no query. */
    static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    /** Base64 of HMAC-SHA1 over the base string, keyed by the encoded consumer secret {@code &} token secret. */
    public static String signature(String baseString, String consumerSecret, String tokenSecret) {
        String key = encode(consumerSecret) + "&" + encode(tokenSecret == null ? "" : tokenSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 3986 percent-encoding of UTF-8 bytes: only unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) stay. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
