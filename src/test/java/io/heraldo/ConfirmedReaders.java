package io.heraldo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.heraldo.platform.EmbeddedDatabase;

/** Many confirmed email subscribers at once, written straight into a packaged jar's database. */
public final class ConfirmedReaders {

    private ConfirmedReaders() {
    }

    /**
     * {@code <prefix><n>@<domain>} for n = 1..count, following everything.
     *
     * @param bilingual Spanish for even n and English for odd n; otherwise all English
     */
    public static void insert(EmbeddedDatabase database, String prefix, String domain, int count, boolean bilingual)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("""
                    insert into subscriber (id, email, locale, components, state, confirm_nonce, created_at, updated_at,
                                            confirmed_at)
                    select gen_random_uuid(), '%s' || g || '@%s', %s, '{}', 'confirmed', md5(g::text), now(), now(), now()
                    from generate_series(1, %d) g""".formatted(prefix, domain,
                    bilingual ? "case when g % 2 = 0 then 'es' else 'en' end" : "'en'", count));
        }
    }
}
