package io.heraldo.console;

import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.heraldo.console.ConsoleSessions.Session;

/**
 * Every {@code /console} page but the sign-in pages (the token's and OpenID Connect's) and the stylesheet needs a live session: without one it redirects
 * to {@code /console/login}. Runs after matching, on the resource's own (worker) thread, since it reads the database.
 * Every console answer gets the console's headers: a strict Content-Security-Policy (the stylesheet and script of the
 * console itself, nothing inline, forms only to the console) and no caching.
 */
public class ConsoleGate {

    static final String COOKIE = "heraldo_console";
    static final String LOGIN = "/console/login";
    static final String OIDC = "/console/oidc";
    private static final String SESSION = "heraldo.console.session";
    static final String POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleSessions sessions;

    public ConsoleGate(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @ServerRequestFilter
    public Response guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!isConsole(path) || isOpen(path)) {
            return null;
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        Optional<Session> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isPresent()) {
            request.setProperty(SESSION, session.get());
            return null;
        }
        return Response.seeOther(URI.create(LOGIN)).header("Cache-Control", "no-store").build();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!isConsole(path)) {
            return;
        }
        response.getHeaders().putSingle("Content-Security-Policy", POLICY);
        response.getHeaders().putSingle("X-Robots-Tag", "noindex");
        if (!path.endsWith(".css") && !path.endsWith(".js")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }

    /** The session the gate let through; only on guarded pages. */
    static Session session(ContainerRequestContext request) {
        return (Session) request.getProperty(SESSION);
    }

    static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    private static boolean isOpen(String path) {
        return path.equals(LOGIN) || path.equals(OIDC) || path.equals("/console/style.css");
    }
}
