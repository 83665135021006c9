package io.heraldo.channel.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The one place that decides where webhooks may go (SSRF): only http and https, and only hosts whose every address
 * is public. Checked when an endpoint is registered and again before every delivery, since DNS can change; the
 * delivery then connects to the address checked here, so a second lookup cannot swap it (DNS rebinding).
 * IPv4 addresses hidden in IPv6 forms (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
public final class TargetGuard {

    /** A target Heraldo will not send to; the message says why, for the operator. */
    public static final class RefusedTarget extends Exception {
        public RefusedTarget(String reason) {
            super(reason);
        }
    }

    /** DNS, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivateTargets;
    private final Resolver resolver;

    public TargetGuard(boolean allowPrivateTargets) {
        this(allowPrivateTargets, InetAddress::getAllByName);
    }

    public TargetGuard(boolean allowPrivateTargets, Resolver resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
    }

    /** The URL's form alone: absolute http(s), a host, no credentials. Throws with the reason otherwise. */
    public static URI parse(String url) throws RefusedTarget {
        if (url == null || url.isBlank()) {
            throw new RefusedTarget("is required");
        }
        if (url.length() > 2000) {
            throw new RefusedTarget("is longer than 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new RefusedTarget("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedTarget("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedTarget("has no host");
        }
        if (uri.getRawUserInfo() != null) {
            // Credentials in the URL would be logged and shown by the admin API; receivers verify the signature instead.
            throw new RefusedTarget("must not carry credentials (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedTarget("must not have a fragment (#...)");
        }
        return uri;
    }

    /**
     * The addresses to connect to for this URL: every address of its host, all allowed.
     *
     * @throws RefusedTarget when one of them is not a public address (unless private targets are allowed)
     * @throws UnknownHostException when the host does not resolve (this may pass)
     */
    public List<InetAddress> addresses(URI url) throws RefusedTarget, UnknownHostException {
        InetAddress[] addresses = resolver.resolve(url.getHost());
        if (addresses.length == 0) {
            throw new UnknownHostException(url.getHost());
        }
        if (!allowPrivateTargets) {
            for (InetAddress address : addresses) {
                String why = refusal(address);
                if (why != null) {
                    throw new RefusedTarget(url.getHost() + " resolves to " + address.getHostAddress() + ", " + why
                            + " (set heraldo.webhook.allow-private-targets=true to allow it)");
                }
            }
        }
        return List.of(addresses);
    }

    /** Why an address is not a public one, or {@code null} when it is. */
    public static String refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusalV4(b, 0);
        }
        return refusalV6(b);
    }

    private static String refusalV4(byte[] b, int at) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        if (a0 == 0) {
            return "an unspecified address (0.0.0.0/8)";
        }
        if (a0 == 127) {
            return "a loopback address";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "a private address";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "a shared (carrier-grade NAT) address";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address";
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
            return "a special-purpose address";
        }
        if ((a0 == 198 && (a1 & 0xfe) == 18) || (a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "a special-purpose address";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "a multicast address";
        }
        if (a0 >= 240) {
            return "a reserved or broadcast address";
        }
        return null;
    }

    private static String refusalV6(byte[] b) {
        boolean zeroTo10 = true;
        for (int i = 0; i < 10; i++) {
            zeroTo10 &= b[i] == 0;
        }
        if (zeroTo10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return within("IPv4-mapped", refusalV4(b, 12));
        }
        if (zeroTo10 && b[10] == 0 && b[11] == 0) {
            boolean zeroTo15 = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (zeroTo15 && b[15] == 0) {
                return "an unspecified address (::)";
            }
            if (zeroTo15 && b[15] == 1) {
                return "a loopback address (::1)";
            }
            return within("IPv4-compatible", refusalV4(b, 12));
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int w2 = ((b[4] & 0xff) << 8) | (b[5] & 0xff);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            if (w2 == 0x0001) {
                return "a local-use NAT64 address (64:ff9b:1::/48)";
            }
            return within("NAT64", refusalV4(b, 12));
        }
        if (w0 == 0x2002) {
            return within("6to4", refusalV4(b, 2));
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            // Teredo hides the client's address (obfuscated): nothing to judge, nothing a webhook needs.
            return "a Teredo address (2001::/32)";
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return "a documentation address (2001:db8::/32)";
        }
        if (w0 == 0x0100 && w1 == 0 && w2 == 0 && b[6] == 0 && b[7] == 0) {
            return "a discard-only address (100::/64)";
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return "a unique local address (fc00::/7)";
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return "a link-local address (fe80::/10)";
        }
        if ((w0 & 0xffc0) == 0xfec0) {
            return "a site-local address (fec0::/10)";
        }
        if ((w0 & 0xff00) == 0xff00) {
            return "a multicast address (ff00::/8)";
        }
        return null;
    }

    private static String within(String form, String v4Refusal) {
        return v4Refusal == null ? null : "an " + form + " form of " + v4Refusal;
    }
}
