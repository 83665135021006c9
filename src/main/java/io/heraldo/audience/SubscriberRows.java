package io.heraldo.audience;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** How the statements on {@code subscriber} read a row and bind a list of components. */
final class SubscriberRows {

    static final String COLUMNS = "id, email, locale, components, kinds, state, confirm_nonce, soft_bounces, created_at, "
            + "updated_at, confirmed_at";

    /** A row of {@link #COLUMNS}. */
    static final RowMapper<StoredSubscriber> STORED = SubscriberRows::stored;

    private SubscriberRows() {
    }

    private static StoredSubscriber stored(ResultSet rs, StatementContext ctx) throws SQLException {
        String[] components = (String[]) rs.getArray("components").getArray();
        Subscriber subscriber = new Subscriber(rs.getObject("id", UUID.class), rs.getString("email"),
                rs.getString("locale"), List.of(components), Kinds.stored(rs.getString("kinds")),
                SubscriberState.of(rs.getString("state")),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getObject("confirmed_at", OffsetDateTime.class));
        return new StoredSubscriber(subscriber, rs.getString("confirm_nonce"), rs.getInt("soft_bounces"));
    }

    /**
     * Components as {@code text[]}, the column's type: a plain {@code String[]} binds as {@code varchar[]}, which
     * {@code &&} and {@code <>} do not compare with {@code text[]}.
     */
    static Argument components(Collection<String> components) {
        String[] values = components.toArray(String[]::new);
        return (position, statement, ctx) -> statement.setArray(position,
                statement.getConnection().createArrayOf("text", values));
    }
}
