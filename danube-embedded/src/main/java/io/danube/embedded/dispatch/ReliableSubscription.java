package io.danube.embedded.dispatch;

import io.danube.embedded.FailurePolicy;
import io.danube.embedded.storage.MessageLog;
import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.StreamMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * At-least-once dispatch from the topic's log: a window of unacknowledged messages, ack timeouts, nack backoff,
 * a redelivery limit with a poison policy, and the contiguous "safe cursor" that survives restarts.
 * All state is guarded by the subscription's monitor; consumer streams are written after the monitor is released.
 */
public final class ReliableSubscription extends Subscription {

    private final MessageLog log;
    private final FailurePolicy policy;
    private final int window;
    private final int evictionHeartbeats;
    private final long ackTimeoutNanos;
    private final ScheduledExecutorService timer;
    private final DeadLetterSink deadLetterSink;

    private final TreeMap<Long, PendingDelivery> pending = new TreeMap<>();
    private final Set<Consumer> ringMembers = new LinkedHashSet<>();
    private final Map<Consumer, Integer> inactiveTicks = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private HashRing ring = HashRing.EMPTY;
    private long nextOffset;
    private int roundRobin;
    /**
     * False only while every pending entry is in flight, so a non-KeyShared pump need not scan the window (KeyShared
     * always scans: its per-key order needs every pending entry).
     */
    private boolean mayHaveWaitingEntries;

    /** Settings shared by the reliable subscriptions of a broker. */
    public record Settings(int window, int evictionHeartbeats, ScheduledExecutorService timer,
                           DeadLetterSink deadLetterSink) {
    }

    /**
     * @param startOffset first offset to dispatch: the log's tail for a new subscription, cursor + 1 after a restart
     */
    public ReliableSubscription(String topicName, String name, SubscriptionType type, MessageLog log, long startOffset,
                                FailurePolicy policy, Settings settings) {
        super(topicName, name, type);
        this.log = log;
        this.policy = policy;
        this.window = settings.window();
        this.evictionHeartbeats = settings.evictionHeartbeats();
        this.timer = settings.timer();
        this.deadLetterSink = settings.deadLetterSink();
        this.ackTimeoutNanos = policy.ackTimeout().toNanos();
        this.nextOffset = Math.min(startOffset, log.endOffset());
    }

    @Override
    public boolean isReliable() {
        return true;
    }

    /** Last offset such that it and every offset before it are acknowledged or skipped; -1 if none. */
    public synchronized long safeCursor() {
        return pending.isEmpty() ? nextOffset - 1 : pending.firstKey() - 1;
    }

    /** Next offset this subscription will read from the log; the log may forget everything below it. */
    public synchronized long nextOffset() {
        return nextOffset;
    }

    @Override
    public void ack(long offset) {
        mutateAndPump(now -> pending.remove(offset));
    }

    @Override
    public void nack(long offset, long requestedDelayMillis, String reason) {
        mutateAndPump(now -> {
            PendingDelivery p = pending.get(offset);
            if (p != null && p.state == PendingDelivery.State.IN_FLIGHT) {
                fail(p, now, requestedDelayMillis, reason.isEmpty() ? "negative acknowledgement" : reason);
            }
        });
    }

    @Override
    public void heartbeat() {
        mutateAndPump(now -> {
            List<PendingDelivery> expired = new ArrayList<>();
            for (PendingDelivery p : pending.values()) {
                if (p.state == PendingDelivery.State.IN_FLIGHT && p.ackDeadlineNanos - now <= 0) {
                    expired.add(p);
                }
            }
            for (PendingDelivery p : expired) {
                fail(p, now, 0, "ack timeout");
            }
            if (type == SubscriptionType.KeyShared) {
                evictInactiveRingMembers();
            }
        });
    }

    @Override
    public void wake() {
        mutateAndPump(now -> {
        });
    }

    @Override
    protected int outboxCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected void onMembershipChanged() {
        for (Consumer c : consumers) {
            if (c.isActive()) {
                joinRing(c);
            }
        }
    }

    @Override
    protected void onTakeover(Consumer consumer) {
        retryInFlightOf(consumer);
        joinRing(consumer);
    }

    @Override
    protected void onReconnected(Consumer consumer) {
        joinRing(consumer);
    }

    @Override
    protected void onDisconnected(Consumer consumer) {
        retryInFlightOf(consumer);
    }

    private void retryInFlightOf(Consumer consumer) {
        consumer.clearOutbox();
        long now = System.nanoTime();
        for (PendingDelivery p : pending.values()) {
            if (p.state == PendingDelivery.State.IN_FLIGHT && p.consumer == consumer) {
                p.state = PendingDelivery.State.READY;
                p.consumer = null;
                p.readyAtNanos = now;
                mayHaveWaitingEntries = true;
            }
        }
    }

    private void joinRing(Consumer consumer) {
        inactiveTicks.remove(consumer);
        if (type == SubscriptionType.KeyShared && ringMembers.add(consumer)) {
            ring = HashRing.of(ringMembers);
        }
    }

    private void evictInactiveRingMembers() {
        boolean changed = false;
        for (Iterator<Consumer> it = ringMembers.iterator(); it.hasNext(); ) {
            Consumer member = it.next();
            if (member.isActive()) {
                inactiveTicks.remove(member);
                continue;
            }
            int ticks = inactiveTicks.merge(member, 1, Integer::sum);
            if (ticks >= evictionHeartbeats) {
                it.remove();
                inactiveTicks.remove(member);
                changed = true;
            }
        }
        if (changed) {
            ring = HashRing.of(ringMembers);
        }
    }

    @FunctionalInterface
    private interface Mutation {
        void apply(long nowNanos);
    }

    private void mutateAndPump(Mutation mutation) {
        List<Consumer> touched = new ArrayList<>(2);
        List<DeadLetter> letters;
        synchronized (this) {
            long now = System.nanoTime();
            mutation.apply(now);
            pump(now, touched);
            if (deadLetters.isEmpty()) {
                letters = List.of();
            } else {
                letters = new ArrayList<>(deadLetters);
                deadLetters.clear();
            }
        }
        for (Consumer c : touched) {
            c.drain();
        }
        for (DeadLetter letter : letters) {
            deadLetterSink.publish(letter);
        }
    }

    private void fail(PendingDelivery p, long now, long requestedDelayMillis, String reason) {
        p.consumer = null;
        if (p.deliveries > policy.maxRedeliveryCount()) {
            poison(p, reason);
            return;
        }
        long delayMillis = policy.redeliveryDelayMillis(p.deliveries, requestedDelayMillis);
        p.state = PendingDelivery.State.READY;
        mayHaveWaitingEntries = true;
        p.readyAtNanos = now + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        try {
            timer.schedule(this::wake, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the broker is stopping; the entry stays pending and is redelivered after a restart
        }
    }

    private void poison(PendingDelivery p, String reason) {
        switch (policy.poisonPolicy()) {
            case BLOCK -> {
                p.state = PendingDelivery.State.POISONED;
                mayHaveWaitingEntries = true;
            }
            case DROP -> pending.remove(p.offset);
            case DEAD_LETTER -> {
                pending.remove(p.offset);
                deadLetters.add(new DeadLetter(topicName, name, policy, p.message, p.deliveries, reason));
            }
        }
    }

    private void pump(long now, List<Consumer> touched) {
        boolean keyShared = type == SubscriptionType.KeyShared;
        if (consumers.isEmpty() || keyShared && ring.isEmpty()) {
            return;
        }
        Set<String> busyKeys = keyShared ? new HashSet<>() : Set.of();
        boolean blocked = false;
        List<PendingDelivery> skipped = null;
        boolean waiting = false;
        for (PendingDelivery p : keyShared || mayHaveWaitingEntries ? pending.values() : List.<PendingDelivery>of()) {
            if (p.state == PendingDelivery.State.POISONED) {
                waiting = true;
                if (keyShared) {
                    busyKeys.add(p.key);
                } else {
                    blocked = true;
                }
                continue;
            }
            if (keyShared) {
                if (!busyKeys.add(p.key) || p.state != PendingDelivery.State.READY || p.readyAtNanos - now > 0) {
                    continue;
                }
                Consumer target = ring.route(p.key, c -> c.accepts(p.key));
                if (target == null) {
                    if (skipped == null) {
                        skipped = new ArrayList<>();
                    }
                    skipped.add(p);
                } else if (target.isActive()) {
                    deliver(p, target, now, touched);
                }
            } else if (p.state == PendingDelivery.State.READY && p.readyAtNanos - now <= 0) {
                Consumer target = pickTarget();
                if (target == null) {
                    waiting = true;
                    break;
                }
                deliver(p, target, now, touched);
            } else if (p.state == PendingDelivery.State.READY) {
                waiting = true;
            }
        }
        mayHaveWaitingEntries = waiting;
        if (skipped != null) {
            for (PendingDelivery p : skipped) {
                pending.remove(p.offset);
            }
        }
        if (blocked) {
            return;
        }
        long end = log.endOffset();
        while (pending.size() < window && nextOffset < end) {
            Consumer target = null;
            if (!keyShared) {
                target = pickTarget();
                if (target == null) {
                    return;
                }
            }
            long offset = nextOffset++;
            StreamMessage message = log.read(offset);
            if (message == null) {
                continue;
            }
            if (keyShared) {
                String key = RoutingKeys.effectiveKey(message);
                target = ring.route(key, c -> c.accepts(key));
                if (target == null) {
                    continue;
                }
                PendingDelivery p = new PendingDelivery(offset, message, key, now);
                pending.put(offset, p);
                if (busyKeys.add(key) && target.isActive()) {
                    deliver(p, target, now, touched);
                }
            } else {
                PendingDelivery p = new PendingDelivery(offset, message, null, now);
                pending.put(offset, p);
                deliver(p, target, now, touched);
            }
        }
    }

    private Consumer pickTarget() {
        if (type != SubscriptionType.Shared) {
            return firstActive();
        }
        int n = consumers.size();
        for (int i = 0; i < n; i++) {
            int index = (roundRobin + i) % n;
            Consumer candidate = consumers.get(index);
            if (candidate.isActive()) {
                roundRobin = (index + 1) % n;
                return candidate;
            }
        }
        return null;
    }

    private void deliver(PendingDelivery p, Consumer target, long now, List<Consumer> touched) {
        p.state = PendingDelivery.State.IN_FLIGHT;
        p.deliveries++;
        p.consumer = target;
        p.ackDeadlineNanos = now + ackTimeoutNanos;
        target.offer(p.message);
        if (!touched.contains(target)) {
            touched.add(target);
        }
    }
}
