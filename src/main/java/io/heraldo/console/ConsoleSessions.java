package io.heraldo.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jdbi.v3.core.Jdbi;

/**
 * The console's sessions, in the database so that every replica knows them. The cookie's value is 32 random bytes;
 * only its SHA-256 is stored. Each session has its own CSRF token, which every form carries.
 */
@ApplicationScoped
public class ConsoleSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in operator: who, and the CSRF token of the session's forms. */
    public record Session(String actor, String csrf, OffsetDateTime expiresAt) {

        /** Whether a form's token is this session's, compared in constant time. */
        public boolean accepts(String presented) {
            return presented != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                    presented.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A session just opened: the cookie's value, given to the browser once and never stored. */
    public record Opened(String cookie, Session session) {
    }

    private final Jdbi jdbi;
    private final ConsoleConfig config;
    private final Clock clock;

    @Inject
    public ConsoleSessions(Jdbi jdbi, ConsoleConfig config) {
        this(jdbi, config, Clock.systemUTC());
    }

    ConsoleSessions(Jdbi jdbi, ConsoleConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.config = config;
        this.clock = clock;
    }

    public Opened open(String actor) {
        String cookie = random();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Session session = new Session(actor, random(), now.plus(config.sessionLifetime()));
        jdbi.useTransaction(handle -> {
            handle.createUpdate("delete from console_session where expires_at < :now").bind("now", now).execute();
            handle.createUpdate("""
                    insert into console_session (id_hash, actor, csrf, expires_at)
                    values (:id, :actor, :csrf, :expires)""")
                    .bind("id", hash(cookie)).bind("actor", actor).bind("csrf", session.csrf())
                    .bind("expires", session.expiresAt()).execute();
        });
        return new Opened(cookie, session);
    }

    /** The live session a cookie names, if any. */
    public Optional<Session> find(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 100) {
            return Optional.empty();
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                select actor, csrf, expires_at from console_session where id_hash = :id and expires_at > :now""")
                .bind("id", hash(cookie)).bind("now", OffsetDateTime.now(clock))
                .map((rs, ctx) -> new Session(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)))
                .findOne());
    }

    public void close(String cookie) {
        if (cookie != null) {
            jdbi.useHandle(handle -> handle.createUpdate("delete from console_session where id_hash = :id")
                    .bind("id", hash(cookie)).execute());
        }
    }

    /** 32 random bytes, base64url without padding. */
    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String cookie) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(cookie.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
