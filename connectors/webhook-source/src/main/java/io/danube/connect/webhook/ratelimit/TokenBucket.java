package io.danube.connect.webhook.ratelimit;

import java.util.function.LongSupplier;

/**
 * A token bucket: holds at most {@code capacity} tokens, starts full, gains {@code refillPerSecond} tokens per second;
 * each admitted request takes one.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final double capacity;
    private final double refillPerNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;

    public TokenBucket(int capacity, double refillPerSecond, LongSupplier nanoClock) {
        if (capacity < 1 || !(refillPerSecond > 0)) {
            throw new IllegalArgumentException("capacity must be >= 1 and refill > 0, got " + capacity + " and "
                                               + refillPerSecond);
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / NANOS_PER_SECOND;
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Takes a token: returns 0 if one was available, else the nanoseconds until the next one (nothing taken). */
    public synchronized long tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / refillPerNano));
    }

    /** Whether the bucket is full, i.e. its owner has been idle long enough to be forgotten. */
    public synchronized boolean isFull() {
        refill();
        return tokens >= capacity;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * refillPerNano);
        refilledAt = now;
    }
}
