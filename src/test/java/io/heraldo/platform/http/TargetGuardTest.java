package io.heraldo.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetGuardTest {

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.255.0.9", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
            "192.168.1.1", "100.64.0.1", "100.127.255.254", "169.254.169.254", "169.254.0.1", "224.0.0.1",
            "239.255.255.250", "0.0.0.0", "0.1.2.3", "255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.2.1",
            "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:192.168.0.1", "::ffff:100.64.0.1",
            "::ffff:0.0.0.0", "::127.0.0.1", "::10.0.0.1", "::169.254.169.254",
            "64:ff9b::127.0.0.1", "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1",
            "2002:7f00:1::1", "2002:a00:1::", "2002:a9fe:a9fe::1", "2001:0:4136:e378::1", "2001:db8::1", "100::1",
            // the holes of issue 11: 6to4 relay anycast, documentation, SRv6 SIDs, local-use NAT64, IPv4-translated
            "192.88.99.1", "3fff::1", "5f00::1", "64:ff9b:1::a00:1", "::ffff:0:a00:1", "::ffff:0:808:808" })
    void refusesEveryNonPublicForm(String literal) throws Exception {
        InetAddress address = InetAddress.getByName(literal);
        assertThat(TargetGuard.refusal(address)).as(literal).isNotNull();
        TargetGuard guard = new TargetGuard(false, host -> new InetAddress[] { address });
        assertThatThrownBy(() -> guard.addresses(URI.create("https://hooks.example.com/x")))
                .isInstanceOf(TargetGuard.RefusedTarget.class).hasMessageContaining(address.getHostAddress());
    }

    @Test
    void mappedFormsTheJdkWouldTurnIntoIpv4AreStillRefusedAsIpv6Bytes() throws Exception {
        // InetAddress.getByName("::ffff:10.0.0.1") yields an Inet4Address; a resolver may hand back the IPv6 form.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(TargetGuard.refusal(address)).contains("IPv4-mapped").contains("private");
    }

    @ParameterizedTest
    @ValueSource(strings = { "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "192.169.0.1",
            "169.253.1.1", "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808",
            "2002:808:808::1" })
    void acceptsPublicAddresses(String literal) throws Exception {
        assertThat(TargetGuard.refusal(InetAddress.getByName(literal))).as(literal).isNull();
    }

    @Test
    void oneBadAddressAmongGoodOnesRefusesTheHost() throws Exception {
        TargetGuard guard = new TargetGuard(false,
                host -> new InetAddress[] { InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.1.2.3") });
        assertThatThrownBy(() -> guard.addresses(URI.create("http://mixed.example.com/")))
                .hasMessageContaining("10.1.2.3").hasMessageContaining("private");
    }

    @Test
    void privateTargetsPassWhenAllowed() throws Exception {
        TargetGuard guard = new TargetGuard(true, host -> new InetAddress[] { InetAddress.getByName("127.0.0.1") });
        assertThat(guard.addresses(URI.create("http://localhost:8080/"))).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.1");
    }

    @Test
    void realLookupsOfLiteralHostsAreChecked() {
        TargetGuard guard = new TargetGuard(false);
        assertThatThrownBy(() -> guard.addresses(URI.create("http://127.0.0.1:9/"))).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.addresses(URI.create("http://[::1]/"))).hasMessageContaining("loopback");
        assertThatThrownBy(() -> guard.addresses(URI.create("http://[::ffff:169.254.169.254]/")))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> guard.addresses(URI.create("http://localhost/"))).isInstanceOf(TargetGuard.RefusedTarget.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://example.com/x", "file:///etc/passwd", "gopher://example.com", "example.com/hook",
            "http://", "https://user:pass@example.com/", "http://exa mple.com/", "" })
    void onlyAbsoluteHttpUrlsWithAHost(String url) {
        assertThatThrownBy(() -> TargetGuard.parse(url)).isInstanceOf(TargetGuard.RefusedTarget.class);
    }

    @Test
    void httpAndHttpsUrlsParse() throws Exception {
        assertThat(TargetGuard.parse("https://hooks.example.com/heraldo?x=1").getHost()).isEqualTo("hooks.example.com");
        assertThat(TargetGuard.parse("HTTP://example.com:8080/").getPort()).isEqualTo(8080);
    }
}
