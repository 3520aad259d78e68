package io.danube.client.retry;

import io.danube.client.error.NamespaceNotFoundException;
import io.grpc.Status;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with jitter for transient broker failures.
 *
 * <p>Only {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED} and {@code RESOURCE_EXHAUSTED} are retried, except the
 * broker's UNAVAILABLE for a missing namespace; every other status fails the operation at once. Attempt {@code n}
 * (0-based) waits a random duration between 50 % and 100 % of {@code min(maxDelay, baseDelay * 2^n)}.
 *
 * @param maxRetries retries after the first attempt; 0 disables retrying
 * @param baseDelay  delay before the first retry (before jitter)
 * @param maxDelay   upper bound of any single delay
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {

    /** 5 retries, 200 ms base, 5 s cap (the Danube Rust client's defaults). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));

    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    /** Whether a call that failed with {@code status} may be retried: a retryable code, but not a missing namespace. */
    public static boolean isRetryable(Status status) {
        return isRetryable(status.getCode()) && !NamespaceNotFoundException.matches(status);
    }

    public static boolean isRetryable(Status.Code code) {
        return code == Status.Code.UNAVAILABLE
                || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.RESOURCE_EXHAUSTED;
    }

    /** Whether another attempt is allowed after {@code failedAttempts} failures. */
    public boolean allowsRetry(int failedAttempts) {
        return failedAttempts <= maxRetries;
    }

    /** Delay in milliseconds before retry number {@code retry} (0-based). */
    public long delayMillis(int retry) {
        long base = baseDelay.toMillis();
        long cap = maxDelay.toMillis();
        int shift = Math.min(Math.max(retry, 0), 30);
        long ceiling = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        if (ceiling <= 1) {
            return ceiling;
        }
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
