package io.danube.client.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, the one backoff of the code base outside Camel routes (which use Camel's
 * redelivery policy): retry {@code n} (0-based) waits a random duration between 50 % and 100 % of
 * {@code min(maxDelay, baseDelay * 2^n)}. Used with a retry limit by {@link RetryPolicy} and without one by loops
 * that retry until stopped (re-subscribing, reconnecting).
 *
 * @param baseDelay delay before the first retry (before jitter)
 * @param maxDelay  upper bound of any single delay
 */
public record Backoff(Duration baseDelay, Duration maxDelay) {

    public Backoff {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("backoff delays must not be negative");
        }
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
