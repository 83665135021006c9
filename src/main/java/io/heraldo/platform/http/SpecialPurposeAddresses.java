package io.heraldo.platform.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The addresses a webhook must not reach: every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (RFC 6890 and its updates; gone through entry by entry on 2026-11-30, the IPv6 registry as last updated
 * 2024-10-22), IPv4 multicast, and in IPv6 everything outside the global unicast space {@code 2000::/3} (the IANA
 * IPv6 Address Space registry: the rest is reserved, local or multicast).
 * <p>
 * Blocks the registries mark globally reachable are refused too (AS112, AMT, the PCP, TURN and DNS-SD anycast
 * addresses, ORCHIDv2, drone tags): no webhook receiver lives there, and an anycast service answers from its nearest
 * instance, which may be inside the operator's own network. Three IPv6 forms are judged by the IPv4 address they
 * carry instead, since a connection to them reaches that address: IPv4-mapped {@code ::ffff:0:0/96}, the NAT64
 * well-known prefix {@code 64:ff9b::/96} and 6to4 {@code 2002::/16}.
 */
final class SpecialPurposeAddresses {

    /** A block of addresses and what it is, as said in a refusal. More specific blocks come first. */
    record Block(byte[] prefix, int bits, String what) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit += 8) {
                int mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final List<Block> IPV4 = List.of(
            block("0.0.0.0/8", "an unspecified address (\"this network\", 0.0.0.0/8)"),
            block("10.0.0.0/8", "a private address (10.0.0.0/8)"),
            block("100.64.0.0/10", "a shared (carrier-grade NAT) address (100.64.0.0/10)"),
            block("127.0.0.0/8", "a loopback address (127.0.0.0/8)"),
            block("169.254.0.0/16", "a link-local address (169.254.0.0/16, cloud metadata)"),
            block("172.16.0.0/12", "a private address (172.16.0.0/12)"),
            block("192.0.0.0/24", "an IETF protocol assignment (192.0.0.0/24: DS-Lite, NAT64 discovery, PCP and TURN "
                    + "anycast)"),
            block("192.0.2.0/24", "a documentation address (TEST-NET-1, 192.0.2.0/24)"),
            block("192.31.196.0/24", "an AS112 DNS sink address (192.31.196.0/24)"),
            block("192.52.193.0/24", "an AMT relay anycast address (192.52.193.0/24)"),
            block("192.88.99.0/24", "a deprecated 6to4 relay anycast address (192.88.99.0/24)"),
            block("192.168.0.0/16", "a private address (192.168.0.0/16)"),
            block("192.175.48.0/24", "an AS112 DNS sink address (192.175.48.0/24)"),
            block("198.18.0.0/15", "a benchmarking address (198.18.0.0/15)"),
            block("198.51.100.0/24", "a documentation address (TEST-NET-2, 198.51.100.0/24)"),
            block("203.0.113.0/24", "a documentation address (TEST-NET-3, 203.0.113.0/24)"),
            block("224.0.0.0/4", "a multicast address (224.0.0.0/4)"),
            block("255.255.255.255/32", "the limited broadcast address (255.255.255.255/32)"),
            block("240.0.0.0/4", "a reserved address (240.0.0.0/4)"));

    static final List<Block> IPV6 = List.of(
            block("::/128", "an unspecified address (::/128)"),
            block("::1/128", "a loopback address (::1/128)"),
            block("::ffff:0:0:0/96", "an IPv4-translated address (::ffff:0:0:0/96, RFC 2765)"),
            block("::/96", "a deprecated IPv4-compatible address (::/96)"),
            block("64:ff9b:1::/48", "a local-use NAT64 address (64:ff9b:1::/48)"),
            block("100::/64", "a discard-only address (100::/64)"),
            block("100:0:0:1::/64", "a dummy address (100:0:0:1::/64)"),
            block("2001::/32", "a Teredo address (2001::/32)"),
            block("2001:2::/48", "a benchmarking address (2001:2::/48)"),
            block("2001::/23", "an IETF protocol assignment (2001::/23: PCP, TURN and DNS-SD anycast, AMT, AS112, "
                    + "ORCHID, drone tags)"),
            block("2001:db8::/32", "a documentation address (2001:db8::/32)"),
            block("2620:4f:8000::/48", "an AS112 DNS sink address (2620:4f:8000::/48)"),
            block("3fff::/20", "a documentation address (3fff::/20)"),
            block("5f00::/16", "a segment routing (SRv6) SID (5f00::/16)"),
            block("fc00::/7", "a unique local address (fc00::/7)"),
            block("fe80::/10", "a link-local address (fe80::/10)"),
            block("fec0::/10", "a site-local address (fec0::/10)"),
            block("ff00::/8", "a multicast address (ff00::/8)"));

    private static final Block GLOBAL_UNICAST = block("2000::/3", "global unicast");
    private static final Block MAPPED = block("::ffff:0:0/96", "IPv4-mapped");
    private static final Block NAT64 = block("64:ff9b::/96", "NAT64");
    private static final Block SIX_TO_FOUR = block("2002::/16", "6to4");

    private SpecialPurposeAddresses() {
    }

    /** Why an address is not one a webhook may reach, or {@code null} when it is. */
    static String refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusal(IPV4, b);
        }
        if (MAPPED.contains(b)) {
            // The JDK hands these out as IPv4 addresses; a resolver may still give the IPv6 bytes.
            return within("IPv4-mapped", v4(b, 12));
        }
        if (NAT64.contains(b)) {
            return within("NAT64", v4(b, 12));
        }
        if (SIX_TO_FOUR.contains(b)) {
            return within("6to4", v4(b, 2));
        }
        String why = refusal(IPV6, b);
        if (why == null && !GLOBAL_UNICAST.contains(b)) {
            return "not a global unicast address (outside 2000::/3)";
        }
        return why;
    }

    private static String refusal(List<Block> blocks, byte[] address) {
        for (Block block : blocks) {
            if (block.contains(address)) {
                return block.what();
            }
        }
        return null;
    }

    private static byte[] v4(byte[] b, int at) {
        return new byte[] { b[at], b[at + 1], b[at + 2], b[at + 3] };
    }

    private static String within(String form, byte[] v4) {
        String why = refusal(IPV4, v4);
        return why == null ? null : "an " + form + " form of " + why;
    }

    private static Block block(String cidr, String what) {
        int slash = cidr.indexOf('/');
        try {
            // Literals only: no lookup happens.
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.startsWith("::ffff:0:0/")) {
                prefix = new byte[16]; // the JDK would turn ::ffff:0:0 into the IPv4 address 0.0.0.0
                prefix[10] = (byte) 0xff;
                prefix[11] = (byte) 0xff;
            }
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), what);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}
