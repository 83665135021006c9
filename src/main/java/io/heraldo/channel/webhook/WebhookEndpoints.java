package io.heraldo.channel.webhook;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** The {@code webhook_endpoint} table. */
@ApplicationScoped
public class WebhookEndpoints {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS =
            "id, url, secret, events, components, enabled, disabled_reason, failing_since, created_at";

    private static final Duration FRESH = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final Cache<String, Optional<WebhookEndpoint>> recent = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(FRESH).build();

    public WebhookEndpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public WebhookEndpoint create(String url, WebhookSecret secret, List<String> events, List<String> components) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String id = "ep_" + HexFormat.of().formatHex(random);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into webhook_endpoint (id, url, secret, events, components) values (?, ?, ?, ?, ?) returning "
                        + COLUMNS)) {
            ps.setString(1, id);
            ps.setString(2, url);
            ps.setString(3, secret.text());
            ps.setArray(4, c.createArrayOf("varchar", events.toArray()));
            ps.setArray(5, c.createArrayOf("varchar", components.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the webhook endpoint: " + e.getMessage(), e);
        }
    }

    public List<WebhookEndpoint> all() {
        return query("select " + COLUMNS + " from webhook_endpoint order by created_at, id", ps -> {
        });
    }

    /**
     * The endpoint as it was at most {@link #FRESH} ago: every delivery looks its endpoint up, and a fan-out of ten
     * events to a thousand endpoints should not be ten thousand queries. Changes made through this replica are seen
     * at once; those of another replica within that time.
     */
    public Optional<WebhookEndpoint> cached(String id) {
        return recent.get(id, this::find);
    }

    public Optional<WebhookEndpoint> find(String id) {
        return query("select " + COLUMNS + " from webhook_endpoint where id = ?", ps -> ps.setString(1, id)).stream()
                .findFirst();
    }

    public boolean delete(String id) {
        recent.invalidate(id);
        return update("delete from webhook_endpoint where id = ?", ps -> ps.setString(1, id)) == 1;
    }

    /**
     * Enabled endpoints after {@code afterId} in id order whose filters let this type and these components through.
     * A notification that names no component (a notice) reaches component-filtered endpoints too, as it does email.
     */
    public List<WebhookEndpoint> matching(String type, Collection<String> components, String afterId, int limit) {
        return query("select " + COLUMNS + """
                 from webhook_endpoint
                where enabled and (?::varchar is null or id > ?)
                  and (cardinality(events) = 0 or ? = any (events))
                  and (cardinality(components) = 0 or cardinality(?::varchar[]) = 0 or components && ?::varchar[])
                order by id limit ?""", ps -> {
            Array touched = ps.getConnection().createArrayOf("varchar", components.toArray());
            ps.setString(1, afterId);
            ps.setString(2, afterId);
            ps.setString(3, type);
            ps.setArray(4, touched);
            ps.setArray(5, touched);
            ps.setInt(6, limit);
        });
    }

    /** A delivery went through: the endpoint is not failing any more. */
    public void succeeded(String id) {
        recent.invalidate(id);
        update("update webhook_endpoint set failing_since = null, updated_at = now() where id = ? and failing_since is not null",
                ps -> ps.setString(1, id));
    }

    /**
     * An attempt failed: remembers since when the endpoint fails and disables it once that is longer than
     * {@code disableAfter}. Returns true when this call disabled it.
     */
    public boolean failed(String id, Duration disableAfter) {
        recent.invalidate(id);
        update("update webhook_endpoint set failing_since = now(), updated_at = now() where id = ? and failing_since is null",
                ps -> ps.setString(1, id));
        return update("""
                update webhook_endpoint set enabled = false, updated_at = now(),
                       disabled_reason = 'failing since ' || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                where id = ? and enabled and failing_since < now() - make_interval(secs => ?)""", ps -> {
            ps.setString(1, id);
            ps.setDouble(2, disableAfter.toMillis() / 1000.0);
        }) == 1;
    }

    public void disable(String id, String reason) {
        recent.invalidate(id);
        update("update webhook_endpoint set enabled = false, disabled_reason = ?, updated_at = now() where id = ? and enabled",
                ps -> {
                    ps.setString(1, reason);
                    ps.setString(2, id);
                });
    }

    /** Whether this delivery of the delivery log went to this endpoint. */
    public boolean deliveredTo(String endpointId, String deliveryId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select 1 from delivery where id = ? and channel = ? and recipient = ?")) {
            ps.setString(1, deliveryId);
            ps.setString(2, WebhookChannel.NAME);
            ps.setString(3, endpointId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<WebhookEndpoint> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<WebhookEndpoint> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read webhook endpoints: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update webhook endpoints: " + e.getMessage(), e);
        }
    }

    private static WebhookEndpoint read(ResultSet rs) throws SQLException {
        return new WebhookEndpoint(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4)),
                strings(rs.getArray(5)), rs.getBoolean(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
