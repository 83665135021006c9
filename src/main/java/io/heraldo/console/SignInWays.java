package io.heraldo.console;

/**
 * The ways into the console the sign-in page offers.
 *
 * @param token whether an admin token signs in ({@code heraldo.console.token-sign-in})
 * @param provider the OpenID Connect provider's name for its button, {@code null} when OpenID Connect is not configured
 */
public record SignInWays(boolean token, String provider) {

    /** No way in at all: the page says why. */
    public boolean none() {
        return !token && provider == null;
    }
}
