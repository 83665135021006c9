package io.heraldo.console;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Saved incident texts in both languages (table {@code console_template}), to start a form from. */
@ApplicationScoped
public class IncidentTemplates {

    /** One saved text. */
    public record Saved(String id, String name, String titleEs, String titleEn, String bodyEs, String bodyEn) {
    }

    private static final RowMapper<Saved> ROW = (rs, ctx) -> new Saved(rs.getString("id"), rs.getString("name"),
            rs.getString("title_es"), rs.getString("title_en"), rs.getString("body_es"), rs.getString("body_en"));

    private final Jdbi jdbi;

    public IncidentTemplates(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Saved> all() {
        return jdbi.withHandle(handle -> handle.createQuery(
                "select id, name, title_es, title_en, body_es, body_en from console_template order by lower(name), id")
                .map(ROW).list());
    }

    public Optional<Saved> find(String id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                "select id, name, title_es, title_en, body_es, body_en from console_template where id = :id")
                .bind("id", id).map(ROW).findOne());
    }

    /** Saves a template: a new one when {@code id} is null. Returns its id. */
    public String save(String id, String name, String titleEs, String titleEn, String bodyEs, String bodyEn) {
        String key = id == null ? "tpl-" + UUID.randomUUID().toString().substring(0, 13) : id;
        jdbi.useHandle(handle -> handle.createUpdate("""
                insert into console_template (id, name, title_es, title_en, body_es, body_en)
                values (:id, :name, :titleEs, :titleEn, :bodyEs, :bodyEn)
                on conflict (id) do update set name = excluded.name, title_es = excluded.title_es,
                    title_en = excluded.title_en, body_es = excluded.body_es, body_en = excluded.body_en,
                    updated_at = now()""")
                .bind("id", key).bind("name", name).bind("titleEs", titleEs).bind("titleEn", titleEn)
                .bind("bodyEs", bodyEs).bind("bodyEn", bodyEn).execute());
        return key;
    }

    public boolean delete(String id) {
        return jdbi.withHandle(handle -> handle.createUpdate("delete from console_template where id = :id")
                .bind("id", id).execute()) > 0;
    }
}
