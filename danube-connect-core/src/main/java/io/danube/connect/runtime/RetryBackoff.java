package io.danube.connect.runtime;

import io.danube.connect.config.RetrySettings;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the delay before retry {@code n} (1-based) is
 * {@code min(retry_backoff * 2^(n-1), max_backoff)} times a random factor in [0.5, 1.5), capped at
 * {@code max_backoff} again.
 */
public final class RetryBackoff {

    private final RetrySettings settings;

    public RetryBackoff(RetrySettings settings) {
        this.settings = settings;
    }

    /** Whether another attempt is allowed after {@code failedAttempts} failed ones. */
    public boolean allowsRetry(int failedAttempts) {
        return failedAttempts <= settings.maxRetries();
    }

    /** The delay before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry) {
        long base = settings.retryBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        int doublings = Math.min(Math.max(retry - 1, 0), 40);
        long exponential = base > (cap >> doublings) ? cap : base << doublings;
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.min(cap, Math.round(exponential * jitter)));
    }

    /** Sleeps for {@code delay}; false, with the thread's interrupt flag set again, when interrupted. */
    public static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
