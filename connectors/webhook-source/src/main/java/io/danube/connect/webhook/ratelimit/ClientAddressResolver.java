package io.danube.connect.webhook.ratelimit;

import io.danube.connect.config.ConfigException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's IP address: the socket peer, unless the peer is a trusted proxy; then the right-most
 * {@code X-Forwarded-For} entry that is not itself a trusted proxy (entries left of it are client-controlled).
 */
public final class ClientAddressResolver {

    private final List<Cidr> trustedProxies;

    /** @param trustedProxies IP addresses or CIDR blocks, e.g. {@code 10.0.0.0/8}, {@code ::1} */
    public ClientAddressResolver(List<String> trustedProxies) {
        List<Cidr> parsed = new ArrayList<>();
        for (int i = 0; i < trustedProxies.size(); i++) {
            try {
                parsed.add(Cidr.parse(trustedProxies.get(i)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("rate_limit.trusted_proxies[" + i + "]", e.getMessage());
            }
        }
        this.trustedProxies = List.copyOf(parsed);
    }

    public String resolve(String peerAddress, List<String> forwardedFor) {
        if (trustedProxies.isEmpty() || !isTrusted(peerAddress)) {
            return peerAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!isLiteralAddress(hop)) {
                return peerAddress;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peerAddress;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trustedProxies.stream().anyMatch(cidr -> cidr.contains(bytes));
    }

    private static boolean isLiteralAddress(String text) {
        return literal(text) != null;
    }

    /** The address bytes of an IP literal, or null for anything else (never a DNS lookup). */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Cidr(byte[] network, int prefix) {

        static Cidr parse(String text) {
            String[] parts = text.trim().split("/", -1);
            byte[] address = literal(parts[0]);
            if (address == null || parts.length > 2) {
                throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
            }
            int prefix = address.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad prefix length in " + text);
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    throw new IllegalArgumentException("prefix length out of range in " + text);
                }
            }
            return new Cidr(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
