package io.heraldo.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Words of the console's sign-in with OpenID Connect. English here; Spanish in {@code messages/oidc_es.properties}. */
@MessageBundle(value = "oidc", locale = "en")
public interface OidcMessages {

    @Message("Sign in with {provider}")
    String signInWith(String provider);

    @Message("Continue to the console")
    String proceed();

    @Message("Back to the sign-in page")
    String back();

    @Message("{actor} may not use the console: the provider does not give this account the role {role}.")
    String missingRole(String actor, String role);

    @Message("The provider's ID token names nobody (no preferred_username, email or sub).")
    String nameless();
}
