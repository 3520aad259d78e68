package io.danube.client.retry;

import io.danube.client.error.NamespaceNotFoundException;
import io.grpc.Status;

import java.time.Duration;

/**
 * Bounded retrying of transient broker failures, waiting a {@link Backoff} between attempts.
 *
 * <p>Only {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED} and {@code RESOURCE_EXHAUSTED} are retried, except the
 * broker's UNAVAILABLE for a missing namespace; every other status fails the operation at once.
 *
 * @param maxRetries retries after the first attempt; 0 disables retrying
 * @param baseDelay  delay before the first retry (before jitter)
 * @param maxDelay   upper bound of any single delay
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay) {

    /** 5 retries, 200 ms base, 5 s cap (the Danube Rust client's defaults). */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
        }
        new Backoff(baseDelay, maxDelay); // validates the delays
    }

    /** The delays between attempts. */
    public Backoff backoff() {
        return new Backoff(baseDelay, maxDelay);
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

    /** Delay in milliseconds before retry number {@code retry} (0-based): see {@link Backoff#delayMillis}. */
    public long delayMillis(int retry) {
        return backoff().delayMillis(retry);
    }
}
