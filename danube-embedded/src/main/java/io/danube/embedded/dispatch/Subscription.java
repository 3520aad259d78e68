package io.danube.embedded.dispatch;

import io.danube.proto.ConsumerRequest.SubscriptionType;
import io.danube.proto.StreamMessage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * A named subscription of a topic with its consumers in registration order. The type is fixed by the first Subscribe.
 */
public abstract sealed class Subscription permits NonReliableSubscription, ReliableSubscription {

    protected final String topicName;
    protected final String name;
    protected final SubscriptionType type;
    protected final CopyOnWriteArrayList<Consumer> consumers = new CopyOnWriteArrayList<>();

    protected Subscription(String topicName, String name, SubscriptionType type) {
        this.topicName = topicName;
        this.name = name;
        this.type = type;
    }

    public String name() {
        return name;
    }

    public SubscriptionType type() {
        return type;
    }

    public List<Consumer> consumers() {
        return List.copyOf(consumers);
    }

    public abstract boolean isReliable();

    /**
     * Adds a consumer, or takes over the existing consumer of the same name: its previous stream ends normally, it is
     * active again, keeps its id and its in-flight messages are retried at once.
     *
     * @throws io.grpc.StatusRuntimeException PERMISSION_DENIED when an Exclusive subscription already has another consumer
     */
    public Consumer subscribe(String consumerName, List<KeyFilter> keyFilters, LongSupplier newId) {
        Consumer result;
        synchronized (this) {
            result = findByName(consumerName);
            if (result != null) {
                result.replaceKeyFilters(keyFilters);
                result.completeStream();
                onTakeover(result);
            } else {
                if (type == SubscriptionType.Exclusive && !consumers.isEmpty()) {
                    throw Status.PERMISSION_DENIED.withDescription("Not able to subscribe '" + consumerName
                            + "' to subscription '" + name + "' of topic " + topicName
                            + ": it is Exclusive and already has consumer '" + consumers.get(0).name() + "'")
                            .asRuntimeException();
                }
                result = new Consumer(newId.getAsLong(), consumerName, this, outboxCapacity(), keyFilters, true);
                consumers.add(result);
                onMembershipChanged();
            }
        }
        wake();
        return result;
    }

    /** Re-creates a consumer known from persisted metadata; it is inactive until it subscribes or opens a stream. */
    public synchronized Consumer restoreConsumer(String consumerName, long id) {
        Consumer restored = new Consumer(id, consumerName, this, outboxCapacity(), List.of(), false);
        consumers.add(restored);
        onMembershipChanged();
        return restored;
    }

    /** Binds a new ReceiveMessages stream; a replaced stream counts as a takeover. */
    public void openStream(Consumer consumer, ServerCallStreamObserver<StreamMessage> stream) {
        synchronized (this) {
            boolean replaced = consumer.attachStream(stream);
            if (replaced) {
                onTakeover(consumer);
            } else {
                onReconnected(consumer);
            }
        }
        wake();
    }

    /** The consumer's stream was cancelled or failed. */
    public void onStreamLost(Consumer consumer, ServerCallStreamObserver<StreamMessage> stream) {
        synchronized (this) {
            if (!consumer.streamLost(stream)) {
                return;
            }
            onDisconnected(consumer);
        }
        wake();
    }

    /** True if any consumer is active. */
    public boolean hasActiveConsumer() {
        for (Consumer c : consumers) {
            if (c.isActive()) {
                return true;
            }
        }
        return false;
    }

    /** Ends every consumer's stream (broker stop or subscription removal). */
    public void closeStreams() {
        for (Consumer c : consumers) {
            c.closeStream();
        }
    }

    /** The active consumer of an Exclusive/Failover subscription: the first registered consumer that is active. */
    protected Consumer firstActive() {
        for (Consumer c : consumers) {
            if (c.isActive()) {
                return c;
            }
        }
        return null;
    }

    private Consumer findByName(String consumerName) {
        for (Consumer c : consumers) {
            if (c.name().equals(consumerName)) {
                return c;
            }
        }
        return null;
    }

    /** Acknowledges {@code offset}; unknown offsets are ignored. */
    public abstract void ack(long offset);

    /** Negatively acknowledges {@code offset}; unknown offsets are ignored. */
    public abstract void nack(long offset, long requestedDelayMillis, String reason);

    /** Periodic work: ack timeouts, ring liveness. */
    public abstract void heartbeat();

    protected abstract int outboxCapacity();

    /** Called under the subscription lock after a consumer was added or removed. */
    protected abstract void onMembershipChanged();

    /** Called under the subscription lock when an existing consumer is taken over (new Subscribe or new stream). */
    protected abstract void onTakeover(Consumer consumer);

    /** Called under the subscription lock when an inactive consumer opened a stream. */
    protected abstract void onReconnected(Consumer consumer);

    /** Called under the subscription lock when a consumer lost its stream. */
    protected abstract void onDisconnected(Consumer consumer);

    /** Dispatches what became dispatchable; called without the lock. */
    public abstract void wake();
}
