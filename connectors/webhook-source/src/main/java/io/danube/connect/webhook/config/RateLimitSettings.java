package io.danube.connect.webhook.config;

import java.util.List;

/**
 * {@code [rate_limit]}: a global token bucket ({@code requests_per_second} refill, {@code burst_size} capacity) and,
 * with {@code per_ip_enabled}, one bucket per client address. The client address is the socket peer, or the
 * right-most {@code X-Forwarded-For} entry that is not a trusted proxy when the peer is one of {@code trusted_proxies}
 * (addresses or CIDR blocks).
 */
public record RateLimitSettings(Double requestsPerSecond, Integer burstSize, Boolean perIpEnabled,
                                Double perIpRequestsPerSecond, Integer perIpBurstSize, List<String> trustedProxies) {

    public RateLimitSettings {
        perIpEnabled = perIpEnabled != null && perIpEnabled;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
