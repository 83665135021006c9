package io.heraldo.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the console names an operator from the ID token's claims. */
class OidcActorTest {

    @Test
    void thePreferredUsernameComesFirstThenTheEmailThenTheSubject() {
        assertThat(OidcActor.name("alice", "alice@example.com", "123")).contains("alice");
        assertThat(OidcActor.name(null, "alice@example.com", "123")).contains("alice@example.com");
        assertThat(OidcActor.name("  ", "", "f81d4fae-7dec-11d0")).contains("f81d4fae-7dec-11d0");
    }

    @Test
    void aTokenThatNamesNobodyNamesNoActor() {
        assertThat(OidcActor.name(null, null, null)).isEmpty();
        assertThat(OidcActor.name(" ", "", "\t")).isEmpty();
        // nothing but characters that are replaced is no name
        assertThat(OidcActor.name("/ /", null, null)).isEmpty();
    }

    @Test
    void theNameIsSafeForTheAuditLogAndTheEventSource() {
        assertThat(OidcActor.name("ana maría", null, null)).contains("ana_maría");
        assertThat(OidcActor.name("x/../admin", null, null)).contains("x_.._admin");
        assertThat(OidcActor.name("eve\nadmin POST /admin", null, null)).contains("eve_admin_POST__admin");
        assertThat(OidcActor.name("o'brien+ops@example.com", null, null)).contains("o_brien+ops@example.com");
        // leading and trailing spaces are no part of the name
        assertThat(OidcActor.name("  bob  ", null, null)).contains("bob");
    }

    @Test
    void theNameFitsTheSixtyFourCharactersTheTablesKeep() {
        String longName = "a".repeat(100);
        assertThat(OidcActor.name(longName, null, null)).hasValueSatisfying(
                name -> assertThat(name).hasSize(OidcActor.MAX_LENGTH));
        // counted in characters, as PostgreSQL counts them, not in UTF-16 units
        String gothic = "\uD800\uDF30".repeat(70);
        assertThat(OidcActor.name(gothic, null, null)).hasValueSatisfying(
                name -> assertThat(name.codePointCount(0, name.length())).isEqualTo(OidcActor.MAX_LENGTH));
    }
}
