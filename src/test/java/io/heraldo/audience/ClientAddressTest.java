package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void forwardedForIsIgnoredUnlessTrusted() {
        assertThat(ClientAddress.of("192.0.2.7", "198.51.100.1", false)).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.of("192.0.2.7", null, true)).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.of("192.0.2.7", " ", true)).isEqualTo("192.0.2.7");
    }

    @Test
    void whenTrustedTheAddressTheProxyAppendedCounts() {
        assertThat(ClientAddress.of("10.0.0.2", "1.2.3.4, 198.51.100.1", true)).isEqualTo("198.51.100.1");
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        String a = ClientAddress.of("2001:db8:1:2:aaaa::1", null, false);
        String b = ClientAddress.of("2001:db8:1:2:bbbb::9", null, false);
        assertThat(a).isEqualTo(b).endsWith("/64");
        assertThat(ClientAddress.of("2001:db8:1:3::1", null, false)).isNotEqualTo(a);
        assertThat(ClientAddress.of("::ffff:192.0.2.7", null, false)).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.of("not-an-address", null, false)).isEqualTo("not-an-address");
    }
}
