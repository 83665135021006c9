package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @Test
    void normalizingTrimsAndLowerCasesOnlyTheDomain() {
        assertThat(EmailAddresses.normalize("  Ana.Perez@ZBox.CL \n")).isEqualTo("Ana.Perez@zbox.cl");
        assertThat(EmailAddresses.normalize("no-at-sign")).isEqualTo("no-at-sign");
        assertThat(EmailAddresses.normalize(" a@b@C.cl ")).isEqualTo("a@b@C.cl");
        assertThat(EmailAddresses.normalize(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ana@zbox.cl", "ana.perez+status@mail.zbox.cl", "o'brien@example.com", "x@a-b.co",
            "user_1!#$%&*=?^`{|}~@example.org", "a@b.c0m" })
    void practicalAddressesAreAccepted(String address) {
        assertThat(EmailAddresses.problem(address)).isEmpty();
    }

    @Test
    void eachRefusalSaysWhy() {
        assertThat(EmailAddresses.problem("")).contains("is required");
        assertThat(EmailAddresses.problem("ana.zbox.cl")).contains("must contain exactly one @");
        assertThat(EmailAddresses.problem("ana@zbox@cl")).contains("must contain exactly one @");
        assertThat(EmailAddresses.problem("@zbox.cl")).contains("has nothing before the @");
        assertThat(EmailAddresses.problem("ana@")).contains("has no domain after the @");
        assertThat(EmailAddresses.problem("ana @zbox.cl")).contains("must not contain spaces, line breaks or control characters");
        assertThat(EmailAddresses.problem("ana@zbox.cl\r\nBcc: x@y.z")).contains("must not contain spaces, line breaks or control characters");
        assertThat(EmailAddresses.problem("ana\u0000@zbox.cl")).contains("must not contain spaces, line breaks or control characters");
        assertThat(EmailAddresses.problem("ana@localhost")).contains("needs a domain with a dot, like example.com");
        assertThat(EmailAddresses.problem(".ana@zbox.cl")).get().asString().contains("dot");
        assertThat(EmailAddresses.problem("an..a@zbox.cl")).get().asString().contains("two dots");
        assertThat(EmailAddresses.problem("\"ana\"@zbox.cl")).contains("has a character not allowed before the @");
        assertThat(EmailAddresses.problem("ana@-zbox.cl")).contains("has an invalid domain '-zbox.cl'");
        assertThat(EmailAddresses.problem("ana@zbox..cl")).contains("has an invalid domain 'zbox..cl'");
        assertThat(EmailAddresses.problem("ana@zbox.123")).contains("has an invalid domain 'zbox.123'");
        assertThat(EmailAddresses.problem("ana@[127.0.0.1]")).contains("has an invalid domain '[127.0.0.1]'");
        assertThat(EmailAddresses.problem("peña@zbox.cl")).get().asString().contains("ASCII");
    }

    @Test
    void lengthsFollowTheRfcLimits() {
        String local64 = "a".repeat(64);
        assertThat(EmailAddresses.problem(local64 + "@zbox.cl")).isEmpty();
        assertThat(EmailAddresses.problem("a" + local64 + "@zbox.cl")).contains("has more than 64 characters before the @");
        String domain = ("d".repeat(60) + ".").repeat(4) + "cl"; // 246 characters
        assertThat(EmailAddresses.problem("abcdefg@" + domain)).isEmpty(); // 254 in all
        assertThat(EmailAddresses.problem("abcdefgh@" + domain)).contains("is longer than 254 characters");
        assertThat(EmailAddresses.problem("a@" + "d".repeat(64) + ".cl")).get().asString().contains("invalid domain");
    }
}
