package io.danube.connect.webhook;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest extends WebhookTestSupport {

    private static final double REFILL_PER_SECOND = 2.0;
    private static final int BURST = 25;

    @Test
    void burstAboveTheGlobalLimitIsAnswered429AndTheAcceptedCountMatchesTheBucket() throws Exception {
        start(serverToml("") + """
                [auth]
                type = "none"
                [rate_limit]
                requests_per_second = %s
                burst_size = %d
                [[routes]]
                from = "/burst"
                to = "%s"
                """.formatted(REFILL_PER_SECOND, BURST, uniqueTopic("burst")), Map.of());
        int requests = 100;

        long started = System.nanoTime();
        List<HttpResponse<String>> responses = concurrently(requests, 8, i -> post("/burst", "{\"n\":" + i + "}"));
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;

        long accepted = responses.stream().filter(r -> r.statusCode() == 200).count();
        long limited = responses.stream().filter(r -> r.statusCode() == 429).count();
        assertThat(accepted + limited).isEqualTo(requests);
        long refillTolerance = (long) Math.ceil(elapsedSeconds * REFILL_PER_SECOND);
        assertThat(accepted).isBetween((long) BURST, BURST + refillTolerance);
        assertThat(responses).filteredOn(r -> r.statusCode() == 429)
                .allSatisfy(r -> assertThat(r.headers().firstValue("Retry-After")).contains("1"));
    }

    @Test
    void perClientLimitGivesEachForwardedClientItsOwnBucketBehindATrustedProxy() throws Exception {
        start(serverToml("") + """
                [auth]
                type = "none"
                [rate_limit]
                requests_per_second = 1000
                burst_size = 1000
                per_ip_enabled = true
                per_ip_requests_per_second = 0.01
                per_ip_burst_size = 3
                trusted_proxies = ["127.0.0.1"]
                [[routes]]
                from = "/per-ip"
                to = "%s"
                """.formatted(uniqueTopic("per-ip")), Map.of());

        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(post("/per-ip", "a", "X-Forwarded-For", "203.0.113.1").statusCode());
            second.add(post("/per-ip", "b", "X-Forwarded-For", "1.2.3.4, 203.0.113.2").statusCode());
        }

        assertThat(first).containsExactly(200, 200, 200, 429, 429);
        assertThat(second).containsExactly(200, 200, 200, 429, 429);
    }

    interface Call {
        HttpResponse<String> send(int index);
    }

    static List<HttpResponse<String>> concurrently(int requests, int threads, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int index = i;
                futures.add(pool.submit(() -> call.send(index)));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
