package io.heraldo.channel.twitter;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

import twitter4j.AccessToken;
import twitter4j.OAuthAuthorization;
import twitter4j.TwitterException;

/**
 * The OAuth 1.0a (RFC 5849) HMAC-SHA1 {@code Authorization} header of a request in the account's user context, made
 * by Twitter4J's {@link OAuthAuthorization}. The signature covers the method, the URI (scheme and host lower-cased,
 * default port and query left out), the oauth_* parameters and the URI's query parameters; a JSON body is not signed
 * (RFC 5849 signs form bodies only).
 * <p>
 * Twitter4J 4.1.2 builds the header in a package-private method, and its request type is package-private too, so no
 * public method reaches it from outside the library: a private lookup finds it once, when this class loads. It is
 * the overload that takes the nonce and timestamp, so the worked examples of RFC 5849 and of X's documentation pin
 * them and test the very call that signs every tweet; a Twitter4J upgrade that moves it fails those tests.
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
    private static final MethodHandle HEADER = headerWithNonceAndTimestamp();

    private final OAuthAuthorization oauth;
    private final AccessToken token;

    public OAuth1Signer(Credentials credentials) {
        this.oauth = OAuthAuthorization.newBuilder()
                .oAuthConsumer(credentials.consumerKey(), credentials.consumerSecret())
                .oAuthAccessToken(credentials.token(), credentials.tokenSecret())
                .build();
        try {
            // The token given to the builder; nothing is fetched when there is one.
            this.token = oauth.getOAuthAccessToken();
        } catch (TwitterException e) {
            throw new IllegalStateException("Twitter4J has no access token although one was given", e);
        }
    }

    /** The header for a request, with a fresh random nonce and the current time. */
    public String authorization(String method, URI uri) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return authorization(method, uri, HexFormat.of().formatHex(nonce), System.currentTimeMillis() / 1000);
    }

    /** The header for a request with the nonce and timestamp given (epoch seconds). */
    public String authorization(String method, URI uri, String nonce, long timestamp) {
        try {
            return (String) HEADER.invokeExact(oauth, method.toUpperCase(Locale.ROOT), uri.toString(), nonce,
                    Long.toString(timestamp), token);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code OAuthAuthorization.generateAuthorizationHeader(method, url, params, nonce, timestamp, token)} with no
     * form parameters (a null array: Twitter4J reads the query parameters from the URL itself).
     */
    private static MethodHandle headerWithNonceAndTimestamp() {
        try {
            ClassLoader loader = OAuthAuthorization.class.getClassLoader();
            Class<?> parameters = Class.forName("twitter4j.HttpParameter", false, loader).arrayType();
            Class<?> oauthToken = AccessToken.class.getSuperclass();
            MethodHandle header = MethodHandles.privateLookupIn(OAuthAuthorization.class, MethodHandles.lookup())
                    .findVirtual(OAuthAuthorization.class, "generateAuthorizationHeader", MethodType.methodType(
                            String.class, String.class, String.class, parameters, String.class, String.class, oauthToken));
            return MethodHandles.insertArguments(header, 3, (Object) null).asType(MethodType.methodType(String.class,
                    OAuthAuthorization.class, String.class, String.class, String.class, String.class, AccessToken.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
