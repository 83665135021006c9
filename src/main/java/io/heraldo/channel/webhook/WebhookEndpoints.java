package io.heraldo.channel.webhook;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

import io.heraldo.channel.RecentTargets;


/** The {@code webhook_endpoint} table. */
@ApplicationScoped
public class WebhookEndpoints {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS =
            "id, url, secret, events, components, enabled, disabled_reason, failing_since, created_at";

    private final Jdbi jdbi;
    private final RecentTargets<WebhookEndpoint> recent = new RecentTargets<>(this::find, this::findAll);

    public WebhookEndpoints(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public WebhookEndpoint create(String url, WebhookSecret secret, List<String> events, List<String> components) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String id = "ep_" + HexFormat.of().formatHex(random);
        return jdbi.withHandle(handle -> handle.createQuery("""
                insert into webhook_endpoint (id, url, secret, events, components)
                values (:id, :url, :secret, :events, :components) returning """ + " " + COLUMNS)
                .bind("id", id)
                .bind("url", url)
                .bind("secret", secret.text())
                .bind("events", events.toArray(String[]::new))
                .bind("components", components.toArray(String[]::new))
                .map(WebhookEndpoints::endpoint)
                .one());
    }

    public List<WebhookEndpoint> all() {
        return jdbi.withHandle(handle -> handle
                .createQuery("select " + COLUMNS + " from webhook_endpoint order by created_at, id")
                .map(WebhookEndpoints::endpoint)
                .list());
    }

    /** The endpoint as it was at most {@link RecentTargets#FRESH} ago: what every delivery reads. */
    public Optional<WebhookEndpoint> cached(String id) {
        return recent.get(id);
    }

    /** Reads these endpoints in one query into what {@link #cached} answers (a page's, before its sends). */
    public void load(Collection<String> ids) {
        recent.load(ids);
    }

    private Map<String, WebhookEndpoint> findAll(Collection<String> ids) {
        return jdbi.withHandle(handle -> handle
                .createQuery("select " + COLUMNS + " from webhook_endpoint where id = any (:ids)")
                .bind("ids", ids.toArray(String[]::new))
                .map(WebhookEndpoints::endpoint)
                .collectToMap(WebhookEndpoint::id, target -> target));
    }

    public Optional<WebhookEndpoint> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + " from webhook_endpoint where id = :id")
                .bind("id", id)
                .map(WebhookEndpoints::endpoint)
                .findFirst());
    }

    public boolean delete(String id) {
        recent.forget(id);
        return jdbi.withHandle(handle -> handle.createUpdate("delete from webhook_endpoint where id = :id")
                .bind("id", id)
                .execute()) == 1;
    }

    /**
     * Enabled endpoints after {@code afterId} in id order whose filters let this type and these components through.
     * A notification that names no component (a notice) reaches component-filtered endpoints too, as it does email.
     */
    public List<WebhookEndpoint> matching(String type, Collection<String> components, String afterId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + """
                 from webhook_endpoint
                where enabled and (:afterId::varchar is null or id > :afterId)
                  and (cardinality(events) = 0 or :type = any (events))
                  and (cardinality(components) = 0 or cardinality(:touched::varchar[]) = 0 or components && :touched::varchar[])
                order by id limit :limit""")
                .bind("afterId", afterId)
                .bind("type", type)
                .bind("touched", components.toArray(String[]::new))
                .bind("limit", limit)
                .map(WebhookEndpoints::endpoint)
                .list());
    }

    /** A delivery went through: the endpoint is not failing any more. */
    public void succeeded(String id) {
        recent.forget(id);
        jdbi.useHandle(handle -> handle.createUpdate("""
                update webhook_endpoint set failing_since = null, updated_at = now()
                where id = :id and failing_since is not null""")
                .bind("id", id)
                .execute());
    }

    /**
     * An attempt failed: remembers since when the endpoint fails and disables it once that is longer than
     * {@code disableAfter}. Returns true when this call disabled it.
     */
    public boolean failed(String id, Duration disableAfter) {
        recent.forget(id);
        return jdbi.withHandle(handle -> {
            handle.createUpdate("""
                    update webhook_endpoint set failing_since = now(), updated_at = now()
                    where id = :id and failing_since is null""")
                    .bind("id", id)
                    .execute();
            return handle.createUpdate("""
                    update webhook_endpoint set enabled = false, updated_at = now(),
                           disabled_reason = 'failing since ' || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                    where id = :id and enabled and failing_since < now() - make_interval(secs => :disableAfter)""")
                    .bind("id", id)
                    .bind("disableAfter", disableAfter.toMillis() / 1000.0)
                    .execute();
        }) == 1;
    }

    public void disable(String id, String reason) {
        recent.forget(id);
        jdbi.useHandle(handle -> handle.createUpdate("""
                update webhook_endpoint set enabled = false, disabled_reason = :reason, updated_at = now()
                where id = :id and enabled""")
                .bind("reason", reason)
                .bind("id", id)
                .execute());
    }

    /** Whether this delivery of the delivery log went to this endpoint. */
    public boolean deliveredTo(String endpointId, String deliveryId) {
        return jdbi.withHandle(handle -> handle
                .createQuery("select 1 from delivery where id = :id and channel = :channel and recipient = :recipient")
                .bind("id", deliveryId)
                .bind("channel", WebhookChannel.NAME)
                .bind("recipient", endpointId)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent());
    }

    private static WebhookEndpoint endpoint(ResultSet rs, StatementContext ctx) throws SQLException {
        return new WebhookEndpoint(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getArray(4)),
                strings(rs.getArray(5)), rs.getBoolean(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
