package io.heraldo.channel.chat;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The {@code chat_destination} table. */
@ApplicationScoped
public class ChatDestinations {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, type, name, fields::text as fields, events, components, lang, enabled, "
            + "disabled_reason, failing_since, created_at";
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };
    /** What a new destination is made of, checked ({@link DestinationRegistration}). */
    public record New(String type, String name, Map<String, String> fields, List<String> events,
            List<String> components, String lang) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final RecentTargets<ChatDestination> recent = new RecentTargets<>(this::find, this::findAll);

    public ChatDestinations(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public ChatDestination create(New destination) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String id = "dst_" + HexFormat.of().formatHex(random);
        String fields;
        try {
            fields = json.writeValueAsString(destination.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return jdbi.withHandle(handle -> handle.createQuery("""
                insert into chat_destination (id, type, name, fields, events, components, lang)
                values (:id, :type, :name, cast(:fields as jsonb), :events, :components, :lang)
                returning """ + " " + COLUMNS)
                .bind("id", id)
                .bind("type", destination.type())
                .bind("name", destination.name())
                .bind("fields", fields)
                .bind("events", destination.events().toArray(String[]::new))
                .bind("components", destination.components().toArray(String[]::new))
                .bind("lang", destination.lang())
                .map(this::read).one());
    }

    public List<ChatDestination> all() {
        return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS
                + " from chat_destination order by created_at, id").map(this::read).list());
    }

    /** Reads these destinations in one query into what {@link #cached} answers (a page's, before its sends). */
    public void load(Collection<String> ids) {
        recent.load(ids);
    }

    private Map<String, ChatDestination> findAll(Collection<String> ids) {
        return jdbi.withHandle(handle -> handle
                .createQuery("select " + COLUMNS + " from chat_destination where id = any (:ids)")
                .bind("ids", ids.toArray(String[]::new))
                .map(this::read)
                .collectToMap(ChatDestination::id, target -> target));
    }

    public Optional<ChatDestination> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + " from chat_destination where id = :id")
                .bind("id", id).map(this::read).findOne());
    }

    /** The destination as it was at most {@link RecentTargets#FRESH} ago: what every message reads. */
    public Optional<ChatDestination> cached(String id) {
        return recent.get(id);
    }

    public boolean delete(String id) {
        recent.forget(id);
        return update("delete from chat_destination where id = :id", id) == 1;
    }

    /**
     * Enabled destinations after {@code afterId} in id order whose filters let this type and these components
     * through. A notification that names no component (a notice) reaches component-filtered destinations too.
     */
    public List<ChatDestination> matching(String type, Collection<String> components, String afterId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("select " + COLUMNS + """
                 from chat_destination
                where enabled and (cast(:after as varchar) is null or id > :after)
                  and (cardinality(events) = 0 or :type = any (events))
                  and (cardinality(components) = 0 or cardinality(cast(:touched as varchar[])) = 0
                       or components && cast(:touched as varchar[]))
                order by id limit :limit""")
                .bind("after", afterId)
                .bind("type", type)
                .bind("touched", components.toArray(String[]::new))
                .bind("limit", limit)
                .map(this::read).list());
    }

    /** A message went through: the destination is not failing any more. */
    public void succeeded(String id) {
        update("update chat_destination set failing_since = null, updated_at = now() "
                + "where id = :id and failing_since is not null", id);
    }

    /**
     * An attempt failed: remembers since when the destination fails and disables it once that is longer than
     * {@code disableAfter}. Returns true when this call disabled it.
     */
    public boolean failed(String id, Duration disableAfter) {
        return jdbi.inTransaction(handle -> {
            recent.forget(id);
            handle.createUpdate("update chat_destination set failing_since = now(), updated_at = now() "
                    + "where id = :id and failing_since is null").bind("id", id).execute();
            return handle.createUpdate("""
                    update chat_destination set enabled = false, updated_at = now(),
                           disabled_reason = 'failing since '
                               || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                    where id = :id and enabled and failing_since < now() - make_interval(secs => :seconds)""")
                    .bind("id", id).bind("seconds", disableAfter.toMillis() / 1000.0).execute() == 1;
        });
    }

    /** Disabled at once, with the reason its listing shows. Returns true when this call disabled it. */
    public boolean disable(String id, String reason) {
        recent.forget(id);
        return jdbi.withHandle(handle -> handle.createUpdate("""
                update chat_destination set enabled = false, disabled_reason = :reason, updated_at = now()
                where id = :id and enabled""").bind("id", id).bind("reason", reason).execute()) == 1;
    }

    /** A test message went through: a disabled destination takes messages again. */
    public void enable(String id) {
        update("update chat_destination set enabled = true, disabled_reason = null, failing_since = null, "
                + "updated_at = now() where id = :id and (not enabled or failing_since is not null)", id);
    }

    private int update(String sql, String id) {
        recent.forget(id);
        return jdbi.withHandle(handle -> handle.createUpdate(sql).bind("id", id).execute());
    }

    private ChatDestination read(ResultSet rs, StatementContext context) throws SQLException {
        Map<String, String> fields;
        try {
            fields = Map.copyOf(json.readValue(rs.getString("fields"), FIELDS));
        } catch (JsonProcessingException e) {
            throw new SQLException("chat destination " + rs.getString("id") + " has unreadable fields", e);
        }
        return new ChatDestination(rs.getString("id"), rs.getString("type"), rs.getString("name"), fields,
                strings(rs.getArray("events")), strings(rs.getArray("components")), rs.getString("lang"),
                rs.getBoolean("enabled"), rs.getString("disabled_reason"),
                rs.getObject("failing_since", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
