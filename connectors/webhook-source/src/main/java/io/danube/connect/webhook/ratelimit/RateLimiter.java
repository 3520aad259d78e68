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
 * give a token. A refused request gets the wait until a token is due, for {@code Retry-After}. Client buckets of idle
 * clients are dropped once {@link #MAX_CLIENTS} are tracked, so memory stays bounded.
 */
public final class RateLimiter {

    static final int MAX_CLIENTS = 10_000;

    private final TokenBucket global;
    private final Map<String, TokenBucket> routes = new HashMap<>();
    private final boolean perClient;
    private final int clientCapacity;
    private final double clientRate;
    private final Map<String, TokenBucket> clients = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public RateLimiter(RateLimitSettings settings, List<RouteSettings> routeSettings, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.global = settings == null ? null : bucket(settings.requestsPerSecond(), settings.burstSize());
        this.perClient = settings != null && settings.perIpEnabled();
        this.clientRate = perClient ? settings.perIpRequestsPerSecond() : 0;
        this.clientCapacity = perClient ? capacity(settings.perIpRequestsPerSecond(), settings.perIpBurstSize()) : 0;
        for (RouteSettings route : routeSettings) {
            if (route.rateLimit() != null) {
                routes.put(route.from(), bucket(route.rateLimit().requestsPerSecond(),
                        route.rateLimit().burstSize()));
            }
        }
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
        if (clients.size() >= MAX_CLIENTS && !clients.containsKey(clientAddress)) {
            clients.values().removeIf(TokenBucket::isFull);
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
