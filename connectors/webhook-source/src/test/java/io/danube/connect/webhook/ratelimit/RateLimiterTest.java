package io.danube.connect.webhook.ratelimit;

import io.danube.connect.webhook.config.RateLimitSettings;
import io.danube.connect.webhook.config.RouteSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();

    private static RouteSettings route(String from, RouteSettings.RouteRateLimit limit) {
        return new RouteSettings(from, "/default/t", 0, false, null, null, false, null, List.of(), limit, null);
    }

    @Test
    void routeBucketLimitsOnlyItsOwnRoute() {
        RateLimiter limiter = new RateLimiter(null, List.of(route("/slow", new RouteSettings.RouteRateLimit(1.0, 1)),
                route("/fast", null)), now::get);

        assertThat(limiter.admit("/slow", "a")).isEmpty();
        assertThat(limiter.admit("/slow", "a")).contains(Duration.ofSeconds(1));
        assertThat(limiter.admit("/fast", "a")).isEmpty();
    }

    @Test
    void clientBucketsStayBoundedAndNewClientsShareTheOverflowBucketWhenAllAreBusy() {
        RateLimitSettings settings = new RateLimitSettings(1e9, 1_000_000_000, true, 0.001, 1, List.of());
        RateLimiter limiter = new RateLimiter(settings, List.of(route("/r", null)), now::get);

        for (int i = 0; i < RateLimiter.MAX_CLIENTS; i++) {
            assertThat(limiter.admit("/r", "client-" + i)).isEmpty();
        }
        assertThat(limiter.admit("/r", "newcomer-1")).isEmpty();
        assertThat(limiter.admit("/r", "newcomer-2")).isPresent();

        assertThat(limiter.trackedClients()).isEqualTo(RateLimiter.MAX_CLIENTS);
    }

    @Test
    void idleClientBucketsAreDroppedWhenTheLimitIsReached() {
        RateLimitSettings settings = new RateLimitSettings(1e9, 1_000_000_000, true, 1.0, 1, List.of());
        RateLimiter limiter = new RateLimiter(settings, List.of(route("/r", null)), now::get);
        for (int i = 0; i < RateLimiter.MAX_CLIENTS; i++) {
            limiter.admit("/r", "client-" + i);
        }

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(limiter.admit("/r", "newcomer")).isEmpty();

        assertThat(limiter.trackedClients()).isEqualTo(1);
    }
}
