package io.danube.client.consumer;

import io.danube.client.error.DanubeClientException;
import io.danube.client.error.TopicNotFoundException;
import io.danube.client.internal.ClientContext;
import io.danube.client.internal.TopicNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Configures and subscribes a {@link Consumer}; obtained from {@code DanubeClient.newConsumer()}. Not thread-safe. */
public final class ConsumerBuilder {

    private final ClientContext ctx;
    private final java.util.function.Consumer<Consumer> register;
    private final java.util.function.Consumer<Consumer> deregister;
    private String topic;
    private String consumerName;
    private String subscription;
    private SubscriptionType type = SubscriptionType.SHARED;
    private List<String> keyFilters = List.of();
    private int prefetch = 100;
    private MessageListener listener;
    private ConnectionListener connectionListener;

    public ConsumerBuilder(ClientContext ctx, java.util.function.Consumer<Consumer> register,
                           java.util.function.Consumer<Consumer> deregister) {
        this.ctx = ctx;
        this.register = register;
        this.deregister = deregister;
    }

    /** Topic in the form {@code /namespace/topic}; a partitioned topic's base name subscribes to all partitions. */
    public ConsumerBuilder topic(String topic) {
        this.topic = topic;
        return this;
    }

    /** Consumer name; re-subscribing under the same name resumes the same broker-side consumer. */
    public ConsumerBuilder consumerName(String name) {
        this.consumerName = name;
        return this;
    }

    public ConsumerBuilder subscription(String subscription) {
        this.subscription = subscription;
        return this;
    }

    /** Subscription type; default {@link SubscriptionType#SHARED}. */
    public ConsumerBuilder subscriptionType(SubscriptionType type) {
        this.type = Objects.requireNonNull(type, "type");
        return this;
    }

    /** Routing-key globs ({@code *}, {@code ?}) for {@link SubscriptionType#KEY_SHARED}; empty accepts every key. */
    public ConsumerBuilder keyFilters(List<String> filters) {
        this.keyFilters = List.copyOf(filters);
        return this;
    }

    /** Maximum messages buffered locally or requested from the broker (split across partitions); default 100. */
    public ConsumerBuilder prefetch(int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be >= 1: " + prefetch);
        }
        this.prefetch = prefetch;
        return this;
    }

    /** Be told when a partition subscription loses its stream and when it is receiving again. */
    public ConsumerBuilder connectionListener(ConnectionListener listener) {
        this.connectionListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Deliver messages to {@code listener} on a dispatch thread instead of {@link Consumer#receive}. */
    public ConsumerBuilder messageListener(MessageListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Subscribes to every partition of the topic, blocking until all streams are open.
     *
     * @throws io.danube.client.error.InvalidTopicNameException for a malformed topic name
     * @throws io.danube.client.error.DanubeRpcException        when the broker refuses the subscription
     * @throws io.danube.client.error.TopicNotFoundException   when the topic has no partitions on the broker
     */
    public Consumer subscribe() {
        TopicNames.validate(topic);
        requireText(consumerName, "consumer name");
        requireText(subscription, "subscription");
        List<String> topics = ctx.lookup().partitions(topic);
        if (topics.isEmpty()) {
            throw new TopicNotFoundException(topic);
        }
        ConsumerSettings settings = new ConsumerSettings(consumerName, subscription, type, keyFilters,
                Math.max(1, prefetch / topics.size()), connectionListener);
        Consumer consumer = new Consumer(topic, consumerName, subscription, deregister);
        List<PartitionConsumer> started = new ArrayList<>();
        try {
            for (String partitionTopic : topics) {
                PartitionConsumer partition = new PartitionConsumer(ctx, partitionTopic, settings, consumer::deliver);
                started.add(partition);
                partition.start();
            }
        } catch (DanubeClientException e) {
            started.forEach(PartitionConsumer::close);
            throw e;
        }
        consumer.attach(started);
        if (listener != null) {
            consumer.startDispatching(listener);
        }
        register.accept(consumer);
        return consumer;
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }
}
