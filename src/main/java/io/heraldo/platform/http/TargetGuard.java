package io.heraldo.platform.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The one place that decides where webhooks may go (SSRF): only http and https, and only hosts whose every address
 * is public. Checked when an endpoint is registered and again before every delivery, since DNS can change; the
 * delivery then connects to the address checked here, so a second lookup cannot swap it (DNS rebinding).
 * The addresses refused are those of {@link SpecialPurposeAddresses}: every block of the IANA special-purpose
 * registries, and every IPv6 address outside global unicast.
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

    /** Why an address is not a public one, or {@code null} when it is (see {@link SpecialPurposeAddresses}). */
    public static String refusal(InetAddress address) {
        return SpecialPurposeAddresses.refusal(address);
    }
}
