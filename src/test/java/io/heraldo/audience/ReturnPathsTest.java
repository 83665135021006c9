package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ReturnPathsTest {

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 9);
    }

    private final ReturnPaths paths = new ReturnPaths(KEY, "ayuda@ZBoxApp.test", true);
    private final UUID ana = UUID.fromString("0190c7f2-1111-7000-8000-000000000001");
    private final UUID beto = UUID.fromString("0190c7f2-2222-7000-8000-000000000002");

    @Test
    void aReturnPathIsAPlusAddressOfTheMailboxThatNamesItsSubscriberAndMail() {
        String address = paths.address(ana.toString(), "zbox-2015-09:email").orElseThrow();

        assertThat(address).matches("ayuda\\+b-[a-z2-7]{45}@ZBoxApp\\.test");
        assertThat(address.substring(0, address.indexOf('@'))).hasSizeLessThanOrEqualTo(64);
        assertThat(paths.verify(address)).hasValueSatisfying(v -> {
            assertThat(v.subscriberId()).isEqualTo(ana);
            assertThat(v.isFor("zbox-2015-09:email")).isTrue();
            assertThat(v.isFor("zbox-2015-10:email")).isFalse();
        });
        // The same mail, the same address: a retried delivery bounces to the same place.
        assertThat(paths.address(ana.toString(), "zbox-2015-09:email")).contains(address);
        assertThat(paths.address(beto.toString(), "zbox-2015-09:email")).get().isNotEqualTo(address);
    }

    @Test
    void caseFoldingBracketsAndBlanksDoNotMatter() {
        String address = paths.address(ana.toString(), "n1").orElseThrow();

        assertThat(paths.verify(address.toUpperCase(Locale.ROOT))).get().extracting(ReturnPaths.Verified::subscriberId)
                .isEqualTo(ana);
        assertThat(paths.verify(" <" + address + "> ")).isPresent();
    }

    @Test
    void anyChangedCharacterBreaksIt() {
        String address = paths.address(ana.toString(), "n1").orElseThrow();
        int start = address.indexOf("+b-") + 3;
        for (int i = start; i < start + ReturnPaths.TOKEN_LENGTH; i++) {
            char c = address.charAt(i);
            String forged = address.substring(0, i) + (c == 'a' ? 'b' : 'a') + address.substring(i + 1);
            assertThat(paths.verify(forged)).as("character %d changed", i).isEmpty();
        }
    }

    @Test
    void anotherSubscribersIdCannotBeSwappedIn() {
        String token = paths.token(ana, ReturnPaths.tag("n1"));
        byte[] raw = ReturnPaths.unbase32(token);
        byte[] betoRaw = ReturnPaths.unbase32(paths.token(beto, ReturnPaths.tag("n1")));
        System.arraycopy(betoRaw, 0, raw, 0, 16);

        assertThat(paths.verify("ayuda+b-" + ReturnPaths.base32(raw) + "@zboxapp.test")).isEmpty();
    }

    @Test
    void otherKeysMailboxesAndShapesAreNotReturnPaths() {
        String address = paths.address(ana.toString(), "n1").orElseThrow();
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        String token = address.substring(address.indexOf("+b-") + 3, address.indexOf('@'));

        assertThat(new ReturnPaths(otherKey, "ayuda@zboxapp.test", true).verify(address)).isEmpty();
        assertThat(paths.verify("soporte+b-" + token + "@zboxapp.test")).isEmpty();
        assertThat(paths.verify("ayuda+b-" + token + "@other.test")).isEmpty();
        assertThat(paths.verify("ayuda+x-" + token + "@zboxapp.test")).isEmpty();
        assertThat(paths.verify("ayuda+b-" + token + "a@zboxapp.test")).isEmpty();
        assertThat(paths.verify("ayuda+b-" + token.substring(1) + "@zboxapp.test")).isEmpty();
        assertThat(paths.verify("ayuda@zboxapp.test")).isEmpty();
        assertThat(paths.verify("ayuda+b-" + "1".repeat(45) + "@zboxapp.test")).isEmpty();
        assertThat(paths.verify("")).isEmpty();
        assertThat(paths.verify(null)).isEmpty();
    }

    @Test
    void noReturnPathWhenOffTooLongOrNotForASubscriber() {
        ReturnPaths off = new ReturnPaths(KEY, "ayuda@zboxapp.test", false);
        String address = paths.address(ana.toString(), "n1").orElseThrow();

        assertThat(off.address(ana.toString(), "n1")).isEmpty();
        assertThat(off.signing()).isFalse();
        assertThat(off.verify(address)).as("mail sent before VERP was turned off still counts").isPresent();
        // 16 + 3 + 45 = 64 characters fit; 17 do not.
        assertThat(new ReturnPaths(KEY, "a".repeat(16) + "@x.test", true).address(ana.toString(), "n1")).isPresent();
        assertThat(new ReturnPaths(KEY, "a".repeat(17) + "@x.test", true).address(ana.toString(), "n1")).isEmpty();
        assertThat(new ReturnPaths(KEY, "\"a b\"@x.test", true).signing()).isFalse();
        assertThat(paths.address("not-a-uuid", "n1")).isEmpty();
        assertThatThrownBy(() -> new ReturnPaths(new byte[16], "ayuda@x.test", true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void base32RoundTripsAndRefusesWhatItWouldNotWrite() {
        Random random = new Random(5);
        for (int n = 0; n < 40; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            String text = ReturnPaths.base32(bytes);
            assertThat(text).matches("[a-z2-7]*");
            assertThat(ReturnPaths.unbase32(text)).isEqualTo(bytes);
        }
        assertThat(ReturnPaths.unbase32("ab")).as("non-zero leftover bits").isNull();
        assertThat(ReturnPaths.unbase32("aa")).containsExactly(0);
        assertThat(ReturnPaths.unbase32("a")).as("a character of padding only").isNull();
        assertThat(ReturnPaths.unbase32("a1")).isNull();
    }
}
