package io.danube.embedded;

import java.time.Duration;
import java.util.Objects;

/**
 * How a reliable subscription treats messages that are not acknowledged: ack timeout, redelivery backoff and
 * what happens to a message once it has been delivered more than {@code maxRedeliveryCount + 1} times.
 *
 * @param maxRedeliveryCount redeliveries allowed before the message is poisoned (real broker default 5)
 * @param ackTimeout         time a delivered message may stay unacknowledged before it is redelivered
 * @param baseRedeliveryDelay delay before the first redelivery
 * @param maxRedeliveryDelay cap for every redelivery delay, including a consumer's {@code delay_ms}
 * @param backoff            {@link Backoff#EXPONENTIAL} doubles the delay per delivery, {@link Backoff#FIXED} keeps it
 * @param poisonPolicy       what to do with a poisoned message
 * @param deadLetterTopic    target topic for {@link PoisonPolicy#DEAD_LETTER}; {@code null} means
 *                           {@code <original topic>-dlq}
 */
public record FailurePolicy(int maxRedeliveryCount,
                            Duration ackTimeout,
                            Duration baseRedeliveryDelay,
                            Duration maxRedeliveryDelay,
                            Backoff backoff,
                            PoisonPolicy poisonPolicy,
                            String deadLetterTopic) {

    /** Redelivery delay growth. */
    public enum Backoff { FIXED, EXPONENTIAL }

    /** Fate of a message that exhausted its redeliveries. */
    public enum PoisonPolicy {
        /** The message stays unacknowledged; Exclusive/Failover/Shared stop dispatching, KeyShared blocks its key. */
        BLOCK,
        /** The message is skipped and the subscription moves on. */
        DROP,
        /** The message is republished to the dead-letter topic with {@code x-original-*} attributes, then skipped. */
        DEAD_LETTER
    }

    public FailurePolicy {
        if (maxRedeliveryCount < 0) {
            throw new IllegalArgumentException("maxRedeliveryCount must be >= 0, got " + maxRedeliveryCount);
        }
        requirePositive("ackTimeout", ackTimeout);
        requirePositive("baseRedeliveryDelay", baseRedeliveryDelay);
        requirePositive("maxRedeliveryDelay", maxRedeliveryDelay);
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(poisonPolicy, "poisonPolicy");
    }

    /** The real broker's defaults: 5 redeliveries, 30 s ack timeout, 1 s..60 s exponential backoff, Block. */
    public static FailurePolicy defaults() {
        return new FailurePolicy(5, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60),
                Backoff.EXPONENTIAL, PoisonPolicy.BLOCK, null);
    }

    public FailurePolicy withMaxRedeliveryCount(int value) {
        return new FailurePolicy(value, ackTimeout, baseRedeliveryDelay, maxRedeliveryDelay, backoff, poisonPolicy,
                deadLetterTopic);
    }

    public FailurePolicy withAckTimeout(Duration value) {
        return new FailurePolicy(maxRedeliveryCount, value, baseRedeliveryDelay, maxRedeliveryDelay, backoff,
                poisonPolicy, deadLetterTopic);
    }

    public FailurePolicy withRedeliveryDelays(Duration base, Duration max) {
        return new FailurePolicy(maxRedeliveryCount, ackTimeout, base, max, backoff, poisonPolicy, deadLetterTopic);
    }

    public FailurePolicy withBackoff(Backoff value) {
        return new FailurePolicy(maxRedeliveryCount, ackTimeout, baseRedeliveryDelay, maxRedeliveryDelay, value,
                poisonPolicy, deadLetterTopic);
    }

    public FailurePolicy withPoisonPolicy(PoisonPolicy value) {
        return new FailurePolicy(maxRedeliveryCount, ackTimeout, baseRedeliveryDelay, maxRedeliveryDelay, backoff,
                value, deadLetterTopic);
    }

    public FailurePolicy withDeadLetterTopic(String value) {
        return new FailurePolicy(maxRedeliveryCount, ackTimeout, baseRedeliveryDelay, maxRedeliveryDelay, backoff,
                poisonPolicy, value);
    }

    /** Delay before the next delivery after a failure of delivery number {@code deliveries}, honouring a requested minimum. */
    public long redeliveryDelayMillis(int deliveries, long requestedDelayMillis) {
        long base = baseRedeliveryDelay.toMillis();
        long max = maxRedeliveryDelay.toMillis();
        long policyDelay = base;
        if (backoff == Backoff.EXPONENTIAL) {
            int doublings = Math.min(Math.max(deliveries - 1, 0), 40);
            policyDelay = base > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : base << doublings;
        }
        return Math.min(Math.max(policyDelay, requestedDelayMillis), max);
    }

    static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
