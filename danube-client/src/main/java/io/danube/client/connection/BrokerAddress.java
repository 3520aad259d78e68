package io.danube.client.connection;

import java.net.URI;
import java.util.Objects;

/**
 * Where a topic is served: the URL to dial ({@code connectUrl}), the broker's own identity ({@code brokerUrl})
 * and whether {@code connectUrl} is a proxy that routes by the {@code x-danube-broker-url} header.
 * URLs are stored without a trailing {@code /}, so {@code http://h:6650/} and {@code http://h:6650} are equal.
 */
public record BrokerAddress(String connectUrl, String brokerUrl, boolean proxy) {

    public BrokerAddress {
        connectUrl = normalize(Objects.requireNonNull(connectUrl, "connectUrl"));
        brokerUrl = normalize(Objects.requireNonNull(brokerUrl, "brokerUrl"));
    }

    /** The address of a broker reached directly (no proxy). */
    public static BrokerAddress direct(String url) {
        return new BrokerAddress(url, url, false);
    }

    /** Strips trailing slashes and surrounding blanks. */
    public static String normalize(String url) {
        String trimmed = url.trim();
        int end = trimmed.length();
        while (end > 0 && trimmed.charAt(end - 1) == '/') {
            end--;
        }
        return trimmed.substring(0, end);
    }

    /** Whether the URL asks for TLS ({@code https://}). */
    public static boolean isTls(String url) {
        return url.regionMatches(true, 0, "https://", 0, 8);
    }

    /** {@code host:port} of a {@code http(s)://host:port} URL, as accepted by gRPC channel builders. */
    public static String authority(String url) {
        URI uri = URI.create(normalize(url));
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("broker URL must look like http://host:port or https://host:port: " + url);
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("broker URL scheme must be http or https: " + url);
        }
        return uri.getHost() + ":" + uri.getPort();
    }
}
