package io.danube.client.consumer;

import io.danube.client.error.DanubeClientException;
import io.danube.client.message.ReceivedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Receives the messages of one subscription to a topic; for a partitioned topic, one subscription per partition,
 * merged into a single stream. Messages are buffered locally up to the prefetch size (split across partitions); the
 * broker stream is only asked for more as the application takes messages, so a slow application cannot make the
 * buffer grow without bound.
 *
 * <p>Messages are taken either with {@link #receive(Duration)} or, when built with a {@link MessageListener}, pushed
 * to the listener on a dedicated dispatch thread. Acknowledge each message with {@link #ack} (or {@link #nack} to ask
 * for redelivery); acks are routed to the partition the message came from. Dropped streams and CLOSE from the health
 * check lead to re-subscription with backoff, after which receiving continues. Thread-safe.
 */
public final class Consumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Consumer.class);

    private final String topic;
    private final String name;
    private final String subscription;
    private final BlockingQueue<ReceivedMessage> buffer = new LinkedBlockingQueue<>();
    private final java.util.function.Consumer<Consumer> onClose;
    private volatile Map<String, PartitionConsumer> partitions = Map.of();
    private volatile boolean closed;
    private Thread dispatcher;

    Consumer(String topic, String name, String subscription, java.util.function.Consumer<Consumer> onClose) {
        this.topic = topic;
        this.name = name;
        this.subscription = subscription;
        this.onClose = onClose;
    }

    void attach(List<PartitionConsumer> subscribed) {
        partitions = subscribed.stream().collect(Collectors.toUnmodifiableMap(PartitionConsumer::topic, Function.identity()));
    }

    void deliver(ReceivedMessage message) {
        buffer.add(message);
    }

    void startDispatching(MessageListener listener) {
        dispatcher = new Thread(() -> dispatchLoop(listener), "danube-consumer-" + name);
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    private void dispatchLoop(MessageListener listener) {
        while (!closed) {
            ReceivedMessage message;
            try {
                message = buffer.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (message == null) {
                continue;
            }
            consumed(message);
            try {
                listener.onMessage(this, message);
            } catch (RuntimeException e) {
                LOG.warn("listener of consumer {} failed on message {}", name, message.id(), e);
            }
        }
    }

    public String topic() {
        return topic;
    }

    public String name() {
        return name;
    }

    public String subscription() {
        return subscription;
    }

    /** The partition topics this consumer is subscribed to ({@code [topic]} when not partitioned). */
    public List<String> partitionTopics() {
        return partitions.keySet().stream().sorted().toList();
    }

    /**
     * Takes the next message, waiting up to {@code timeout}. Not to be mixed with a {@link MessageListener}.
     *
     * @return the message, or empty when none arrived in time or the consumer is closed
     */
    public Optional<ReceivedMessage> receive(Duration timeout) {
        if (closed) {
            return Optional.empty();
        }
        try {
            ReceivedMessage message = buffer.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (message != null) {
                consumed(message);
            }
            return Optional.ofNullable(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void consumed(ReceivedMessage message) {
        PartitionConsumer source = partitions.get(message.topic());
        if (source != null) {
            source.onConsumed();
        }
    }

    /** Acknowledges {@code message} on the partition it came from. */
    public CompletableFuture<Void> ack(ReceivedMessage message) {
        return partitionOf(message).ack(message);
    }

    /** Negative acknowledgement: ask for redelivery after the subscription's default backoff. */
    public CompletableFuture<Void> nack(ReceivedMessage message) {
        return nack(message, null, null);
    }

    /**
     * Negative acknowledgement with a requested redelivery delay (the broker applies at least its own backoff) and
     * a reason recorded by the broker. Both may be {@code null}.
     */
    public CompletableFuture<Void> nack(ReceivedMessage message, Duration delay, String reason) {
        return partitionOf(message).nack(message, delay, reason);
    }

    private PartitionConsumer partitionOf(ReceivedMessage message) {
        PartitionConsumer partition = partitions.get(message.topic());
        if (partition == null) {
            throw new DanubeClientException("message from topic " + message.topic()
                    + " was not received by consumer " + name + " (subscribed to " + partitions.keySet() + ")");
        }
        return partition;
    }

    /** The least healthy partition state: CONNECTED only if every partition has an open stream. */
    public ConsumerState state() {
        if (closed) {
            return ConsumerState.CLOSED;
        }
        ConsumerState worst = ConsumerState.CONNECTED;
        for (PartitionConsumer partition : partitions.values()) {
            ConsumerState s = partition.state();
            if (s.ordinal() > worst.ordinal()) {
                worst = s;
            }
        }
        return worst;
    }

    /** True when every partition is subscribed with an open message stream. */
    public boolean isConnected() {
        return state() == ConsumerState.CONNECTED;
    }

    /** Messages received from the broker but not yet taken by the application. */
    public int bufferedMessages() {
        return buffer.size();
    }

    /** Stops receiving, ends the broker streams and discards buffered (unacknowledged) messages. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        partitions.values().forEach(PartitionConsumer::close);
        if (dispatcher != null && dispatcher != Thread.currentThread()) {
            dispatcher.interrupt();
        }
        buffer.clear();
        onClose.accept(this);
    }
}
