package io.heraldo.audience;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** Who a request comes from, as the per-client rate limit counts it. */
public final class ClientAddress {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ClientAddress() {
    }

    /**
     * The connection's peer, or, only when the operator says a proxy in front sets it, the last address of
     * {@code X-Forwarded-For} (the one that proxy appended; earlier ones are whatever the client wrote). IPv6 clients
     * are counted by their /64, which one subscriber usually holds whole.
     */
    public static String of(String remoteAddress, String forwardedFor, boolean trustForwardedFor) {
        String address = remoteAddress;
        if (trustForwardedFor && forwardedFor != null && !forwardedFor.isBlank()) {
            String[] hops = forwardedFor.split(",");
            String last = hops[hops.length - 1].strip();
            if (!last.isEmpty()) {
                address = last;
            }
        }
        return address == null ? "unknown" : prefix(address);
    }

    private static String prefix(String address) {
        // Literal addresses only: InetAddress would look a host name up in DNS.
        if (IPV4.matcher(address).matches() || !IPV6.matcher(address).matches()) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
