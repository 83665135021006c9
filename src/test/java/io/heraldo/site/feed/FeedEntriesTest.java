package io.heraldo.site.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.heraldo.site.feed.FeedEntries.Kind;
import io.heraldo.site.feed.FeedEntries.StoredUpdate;

class FeedEntriesTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2015-02-10T13:00:00-03:00");

    private final FeedEntries entries = new FeedEntries("https://status.zboxapp.test/", "zbox", status -> "<" + status + ">");

    @Test
    void anIncidentUpdateLinksToItsIncidentAndIsNamedByItsTitleAndStatus() {
        FeedEntry entry = entries.entry(new StoredUpdate(Kind.INCIDENT, "evt-10", "inc-ldap-auth",
                "Problemas de validación", "identified", "Encontramos la causa.", "es", T, 7));

        assertThat(entry.id()).isEqualTo("urn:heraldo:zbox:incident-update:evt-10");
        assertThat(entry.link()).isEqualTo("https://status.zboxapp.test/incidents/inc-ldap-auth");
        assertThat(entry.title()).isEqualTo("Problemas de validación — <identified>");
        assertThat(entry.category()).isEqualTo("incident");
        assertThat(entry.body()).isEqualTo("Encontramos la causa.");
        assertThat(entry.lang()).isEqualTo("es");
        assertThat(entry.published()).isEqualTo(T);
    }

    @Test
    void idsAreStablePerUpdateAndDistinctAcrossKindsAndPages() {
        StoredUpdate update = new StoredUpdate(Kind.MAINTENANCE, "evt:1/a b", "mnt-1", "LDAP", "scheduled", null, null,
                T, 1);

        FeedEntry first = entries.entry(update);
        assertThat(entries.entry(update)).isEqualTo(first);
        assertThat(first.id()).isEqualTo("urn:heraldo:zbox:maintenance-update:evt%3A1%2Fa+b");
        assertThat(entries.entry(new StoredUpdate(Kind.INCIDENT, "evt:1/a b", "mnt-1", "LDAP", "scheduled", null, null,
                T, 1)).id()).isNotEqualTo(first.id());
        assertThat(new FeedEntries("https://status.zboxapp.test", "other", s -> s).entry(update).id())
                .isNotEqualTo(first.id());
        assertThat(first.link()).isEqualTo("https://status.zboxapp.test/incidents/mnt-1");
    }

    @Test
    void aNoticeIsOneEntryLinkingToTheHistory() {
        FeedEntry entry = entries.entry(new StoredUpdate(Kind.NOTICE, "ntc-ayuda", "ntc-ayuda", "Nuevo correo de ayuda",
                null, "Escríbanos a ayuda@", "es", T, 0));

        assertThat(entry.id()).isEqualTo("urn:heraldo:zbox:notice:ntc-ayuda");
        assertThat(entry.title()).isEqualTo("Nuevo correo de ayuda");
        assertThat(entry.link()).isEqualTo("https://status.zboxapp.test/history");
        assertThat(entry.category()).isEqualTo("notice");
    }

    @Test
    void newestFirstAndAtMostTheLimit() {
        List<StoredUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            updates.add(new StoredUpdate(i % 2 == 0 ? Kind.INCIDENT : Kind.MAINTENANCE, "u" + i, "s", "S", "identified",
                    null, null, T.plusMinutes(i), i));
        }
        // two updates in the same instant: the later one (higher seq) comes first
        updates.add(new StoredUpdate(Kind.INCIDENT, "same-later", "s", "S", "resolved", null, null, T.plusMinutes(149),
                1000));

        List<FeedEntry> newest = entries.newestFirst(updates);

        assertThat(newest).hasSize(FeedEntries.LIMIT);
        assertThat(newest.get(0).id()).endsWith(":same-later");
        assertThat(newest.get(1).id()).endsWith(":u149");
        assertThat(newest.get(FeedEntries.LIMIT - 1).id()).endsWith(":u51");
        for (int i = 1; i < newest.size(); i++) {
            assertThat(newest.get(i).published()).isBeforeOrEqualTo(newest.get(i - 1).published());
        }
    }
}
