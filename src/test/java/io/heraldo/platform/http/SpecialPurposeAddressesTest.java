package io.heraldo.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every block of the table: an address inside is refused, naming the block; one just outside passes where it can. */
class SpecialPurposeAddressesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // block, first address, last address (or another inside), just outside below, just outside above
            "0.0.0.0/8,          0.0.0.0,         0.255.255.255,   -,               1.0.0.0",
            "10.0.0.0/8,         10.0.0.0,        10.255.255.255,  9.255.255.255,   11.0.0.0",
            "100.64.0.0/10,      100.64.0.0,      100.127.255.255, 100.63.255.255,  100.128.0.0",
            "127.0.0.0/8,        127.0.0.1,       127.255.255.255, 126.255.255.255, 128.0.0.0",
            "169.254.0.0/16,     169.254.0.0,     169.254.169.254, 169.253.255.255, 169.255.0.0",
            "172.16.0.0/12,      172.16.0.0,      172.31.255.255,  172.15.255.255,  172.32.0.0",
            "192.0.0.0/24,       192.0.0.9,       192.0.0.170,     191.255.255.255, 192.0.1.0",
            "192.0.2.0/24,       192.0.2.0,       192.0.2.255,     192.0.1.255,     192.0.3.0",
            "192.31.196.0/24,    192.31.196.0,    192.31.196.255,  192.31.195.255,  192.31.197.0",
            "192.52.193.0/24,    192.52.193.0,    192.52.193.255,  192.52.192.255,  192.52.194.0",
            "192.88.99.0/24,     192.88.99.1,     192.88.99.255,   192.88.98.255,   192.88.100.0",
            "192.168.0.0/16,     192.168.0.0,     192.168.255.255, 192.167.255.255, 192.169.0.0",
            "192.175.48.0/24,    192.175.48.0,    192.175.48.255,  192.175.47.255,  192.175.49.0",
            "198.18.0.0/15,      198.18.0.0,      198.19.255.255,  198.17.255.255,  198.20.0.0",
            "198.51.100.0/24,    198.51.100.0,    198.51.100.255,  198.51.99.255,   198.51.101.0",
            "203.0.113.0/24,     203.0.113.0,     203.0.113.255,   203.0.112.255,   203.0.114.0",
            "224.0.0.0/4,        224.0.0.1,       239.255.255.250, 223.255.255.255, -",
            "240.0.0.0/4,        240.0.0.0,       255.255.255.254, -,               -",
            "255.255.255.255/32, 255.255.255.255, 255.255.255.255, -,               -",
            "::/128,             ::,              ::,              -,               -",
            "::1/128,            ::1,             ::1,             -,               -",
            "::ffff:0:0:0/96,    ::ffff:0:0:0,    ::ffff:0:808:808, -,              -",
            "::/96,              ::2,             ::8.8.8.8,       -,               -",
            "64:ff9b:1::/48,     64:ff9b:1::,     64:ff9b:1:ffff:ffff:ffff:ffff:ffff, -, -",
            "100::/64,           100::,           100::ffff:ffff:ffff:ffff, -,      -",
            "100:0:0:1::/64,     100:0:0:1::,     100::1:ffff:ffff:ffff:ffff, -,    -",
            "2001::/32,          2001::,          2001:0:4136:e378:8000:63bf:3fff:fdd2, -, -",
            "2001:2::/48,        2001:2::,        2001:2:0:ffff::1, -,              -",
            "2001::/23,          2001:1::1,       2001:1ff:ffff::1, -,              2001:200::",
            "2001::/23,          2001:3::1,       2001:4:112::1,   -,               -",
            "2001::/23,          2001:20::1,      2001:30::1,      -,               -",
            "2001:db8::/32,      2001:db8::,      2001:db8:ffff:ffff::1, 2001:db7:ffff:ffff::1, 2001:db9::",
            "2620:4f:8000::/48,  2620:4f:8000::,  2620:4f:8000:ffff::1, 2620:4f:7fff:ffff::1, 2620:4f:8001::",
            "3fff::/20,          3fff::,          3fff:fff:ffff::1, 3ffe:ffff:ffff::1, 3fff:1000::",
            "5f00::/16,          5f00::,          5f00:ffff::1,    -,               -",
            "fc00::/7,           fc00::,          fdff:ffff::1,    -,               -",
            "fe80::/10,          fe80::,          febf:ffff::1,    -,               -",
            "fec0::/10,          fec0::,          feff:ffff::1,    -,               -",
            "ff00::/8,           ff00::,          ff02::1,         -,               -" })
    void everyBlockIsRefusedAndItsNeighboursAreNot(String block, String first, String last, String below,
            String above) throws Exception {
        for (String inside : List.of(first, last)) {
            assertThat(SpecialPurposeAddresses.refusal(address(inside))).as(inside).isNotNull().contains(block);
        }
        for (String outside : Arrays.asList(below, above)) {
            if (outside != null) {
                assertThat(SpecialPurposeAddresses.refusal(address(outside))).as(outside).isNull();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "::", "1fff:ffff:ffff::1", "4000::1", "5eff::1", "64:ff9a::1", "100:0:0:2::1",
            "e000::1", "fe00::1" })
    void ipv6OutsideGlobalUnicastIsRefused(String literal) throws Exception {
        assertThat(SpecialPurposeAddresses.refusal(address(literal))).as(literal).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "2000::1", "2001:200::1", "2606:4700:4700::1111", "2a00:1450:4001::200e", "3fff:f000::1",
            "2c0f:fb50:4003::1" })
    void globalUnicastOutsideTheBlocksIsAllowed(String literal) throws Exception {
        assertThat(SpecialPurposeAddresses.refusal(address(literal))).as(literal).isNull();
    }

    @Test
    void ipv6FormsThatReachAnIpv4AddressAreJudgedByIt() throws Exception {
        assertThat(SpecialPurposeAddresses.refusal(mapped(10, 0, 0, 1))).contains("IPv4-mapped").contains("10.0.0.0/8");
        assertThat(SpecialPurposeAddresses.refusal(mapped(8, 8, 8, 8))).isNull();
        assertThat(SpecialPurposeAddresses.refusal(address("64:ff9b::a9fe:a9fe"))).contains("NAT64")
                .contains("169.254.0.0/16");
        assertThat(SpecialPurposeAddresses.refusal(address("64:ff9b::808:808"))).isNull();
        assertThat(SpecialPurposeAddresses.refusal(address("2002:c058:6301::1"))).contains("6to4")
                .contains("192.88.99.0/24");
        assertThat(SpecialPurposeAddresses.refusal(address("2002:808:808::1"))).isNull();
        // the translated form (RFC 2765) is refused whatever it carries: nothing routes it to the public address
        assertThat(SpecialPurposeAddresses.refusal(address("::ffff:0:808:808"))).contains("IPv4-translated");
    }

    private static InetAddress address(String literal) throws Exception {
        InetAddress address = InetAddress.getByName(literal);
        assertThat(literal.contains(":")).as(literal + " kept its family").isEqualTo(address instanceof Inet6Address);
        return address;
    }

    /** {@code ::ffff:a.b.c.d} as IPv6 bytes: the JDK turns the literal into an IPv4 address. */
    private static InetAddress mapped(int a, int b, int c, int d) throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        return Inet6Address.getByAddress(null, bytes, -1);
    }
}
