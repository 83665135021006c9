package io.heraldo.console;

/**
 * What every console page's layout needs.
 *
 * @param lang the page's language
 * @param pageName the status page's name
 * @param actor the signed-in operator, {@code null} on the sign-in page
 * @param csrf the session's CSRF token for the page's forms (the sign-in form's own before signing in)
 * @param section the navigation item of the page ({@code dashboard}, {@code incidents}, ...)
 */
public record ConsolePage(String lang, String pageName, String actor, String csrf, String section) {

    /** The other language, for the language switch. */
    public String otherLang() {
        return "es".equals(lang) ? "en" : "es";
    }
}
