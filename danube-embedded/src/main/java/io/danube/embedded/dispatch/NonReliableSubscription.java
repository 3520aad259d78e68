package io.danube.embedded.dispatch;

import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.StreamMessage;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fire-and-forget dispatch: a message reaches the consumers present at publish time or is dropped (no healthy
 * consumer, or the target's queue is full). Nothing is stored; ack and nack are no-ops.
 */
public final class NonReliableSubscription extends Subscription {

    private final int queueCapacity;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private volatile HashRing ring = HashRing.EMPTY;
    private volatile long idleSinceNanos;

    public NonReliableSubscription(String topicName, String name, SubscriptionType type, int queueCapacity) {
        super(topicName, name, type);
        this.queueCapacity = queueCapacity;
    }

    @Override
    public boolean isReliable() {
        return false;
    }

    /** Hands {@code message} to at most one consumer according to the subscription type. */
    public void publish(StreamMessage message) {
        switch (type) {
            case Shared -> publishShared(message);
            case KeyShared -> publishKeyShared(message);
            default -> publishToActive(message);
        }
    }

    private void publishToActive(StreamMessage message) {
        Consumer target = firstActive();
        if (target == null) {
            markIdle();
            return;
        }
        deliver(target, message);
    }

    /**
     * Round-robin that advances on every attempt, like the real dispatcher: a consumer skipped because it is inactive
     * or its queue is full still uses up its turn, so the remaining consumers share the messages evenly.
     */
    private void publishShared(StreamMessage message) {
        Object[] snapshot = consumers.toArray();
        int n = snapshot.length;
        if (n == 0) {
            markIdle();
            return;
        }
        boolean healthy = false;
        for (int attempt = 0; attempt < n; attempt++) {
            Consumer candidate = (Consumer) snapshot[Math.floorMod(roundRobin.getAndIncrement(), n)];
            if (!candidate.isActive()) {
                continue;
            }
            healthy = true;
            if (candidate.offer(message)) {
                candidate.drain();
                return;
            }
        }
        if (!healthy) {
            markIdle();
        }
    }

    private void publishKeyShared(StreamMessage message) {
        String key = RoutingKeys.effectiveKey(message);
        Consumer target = ring.route(key, c -> c.accepts(key));
        if (target == null) {
            return;
        }
        if (!target.isActive()) {
            if (!hasActiveConsumer()) {
                markIdle();
            }
            return;
        }
        deliver(target, message);
    }

    private static void deliver(Consumer target, StreamMessage message) {
        if (target.offer(message)) {
            target.drain();
        }
    }

    private void markIdle() {
        if (idleSinceNanos == 0) {
            idleSinceNanos = System.nanoTime() | 1;
        }
    }

    /**
     * True when dispatch found no healthy consumer at least {@code graceNanos} ago and none is active now; an active
     * consumer clears the idle mark.
     */
    public boolean idleLongerThan(long graceNanos) {
        long since = idleSinceNanos;
        if (since == 0) {
            return false;
        }
        if (hasActiveConsumer()) {
            idleSinceNanos = 0;
            return false;
        }
        return System.nanoTime() - since >= graceNanos;
    }

    @Override
    public void ack(long offset) {
    }

    @Override
    public void nack(long offset, long requestedDelayMillis, String reason) {
    }

    @Override
    public void heartbeat() {
    }

    @Override
    protected int outboxCapacity() {
        return queueCapacity;
    }

    @Override
    protected void onMembershipChanged() {
        ring = HashRing.of(consumers);
    }

    @Override
    protected void onTakeover(Consumer consumer) {
        idleSinceNanos = 0;
    }

    @Override
    protected void onReconnected(Consumer consumer) {
        idleSinceNanos = 0;
    }

    @Override
    protected void onDisconnected(Consumer consumer) {
    }

    @Override
    public void wake() {
    }
}
