package io.danube.connect.webhook.ratelimit;

import io.danube.connect.webhook.config.RateLimitSettings;
import io.danube.connect.webhook.config.RouteSettings;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The request budget: the route's bucket, the client's bucket (per IP, when enabled) and the global bucket must each
 * give a token. A refused request gets the wait until a token is due, for {@code Retry-After}. Memory stays bounded:
 * once {@link #MAX_CLIENTS} clients are tracked, buckets of idle clients (full again) are dropped, and while that frees
 * nothing, new clients share one overflow bucket.
 */
public final class RateLimiter {

    static final int MAX_CLIENTS = 10_000;

    private final TokenBucket global;
    private final Map<String, TokenBucket> routes;
    private final boolean perClient;
    private final int clientCapacity;
    private final double clientRate;
    private final Map<String, TokenBucket> clients = new ConcurrentHashMap<>();
    private final TokenBucket overflow;
    private final LongSupplier nanoClock;

    public RateLimiter(RateLimitSettings settings, List<RouteSettings> routeSettings, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.global = settings == null ? null : bucket(settings.requestsPerSecond(), settings.burstSize());
        this.perClient = settings != null && settings.perIpEnabled();
        this.clientRate = perClient ? settings.perIpRequestsPerSecond() : 0;
        this.clientCapacity = perClient ? capacity(settings.perIpRequestsPerSecond(), settings.perIpBurstSize()) : 0;
        this.overflow = perClient ? new TokenBucket(clientCapacity, clientRate, nanoClock) : null;
        Map<String, TokenBucket> byPath = new HashMap<>();
        for (RouteSettings route : routeSettings) {
            if (route.rateLimit() != null) {
                byPath.put(route.from(), bucket(route.rateLimit().requestsPerSecond(),
                        route.rateLimit().burstSize()));
            }
        }
        this.routes = Map.copyOf(byPath);
    }

    /** Empty when admitted, else how long the client should wait. */
    public Optional<Duration> admit(String routePath, String clientAddress) {
        TokenBucket route = routes.get(routePath);
        if (route != null) {
            long wait = route.tryTake();
            if (wait > 0) {
                return Optional.of(Duration.ofNanos(wait));
            }
        }
        if (perClient) {
            long wait = clientBucket(clientAddress).tryTake();
            if (wait > 0) {
                return Optional.of(Duration.ofNanos(wait));
            }
        }
        if (global != null) {
            long wait = global.tryTake();
            if (wait > 0) {
                return Optional.of(Duration.ofNanos(wait));
            }
        }
        return Optional.empty();
    }

    /** Client buckets currently tracked. */
    public int trackedClients() {
        return clients.size();
    }

    private TokenBucket clientBucket(String clientAddress) {
        TokenBucket known = clients.get(clientAddress);
        if (known != null) {
            return known;
        }
        if (clients.size() >= MAX_CLIENTS) {
            clients.values().removeIf(TokenBucket::isFull);
            if (clients.size() >= MAX_CLIENTS) {
                return overflow;
            }
        }
        return clients.computeIfAbsent(clientAddress, address -> new TokenBucket(clientCapacity, clientRate,
                nanoClock));
    }

    private TokenBucket bucket(double requestsPerSecond, Integer burstSize) {
        return new TokenBucket(capacity(requestsPerSecond, burstSize), requestsPerSecond, nanoClock);
    }

    private static int capacity(double requestsPerSecond, Integer burstSize) {
        return burstSize != null ? burstSize : Math.max(1, (int) Math.ceil(requestsPerSecond));
    }
}
