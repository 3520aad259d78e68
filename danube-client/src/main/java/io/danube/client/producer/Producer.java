package io.danube.client.producer;

import io.danube.client.error.DanubeClientException;
import io.danube.client.message.OutgoingMessage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Publishes messages to a topic, or to the partitions {@code <topic>-part-<i>} of a partitioned topic.
 *
 * <p>Messages without a key go round-robin over the partitions; keyed messages go to partition
 * {@code FNV-1a-64(key) mod partitions}, so one key always lands on one partition. Each partition sends with at most
 * {@code maxInFlight} concurrent calls: with 1 (the default) messages of a partition reach the broker in send order;
 * with more, calls are pipelined and their order is not guaranteed. Thread-safe.
 *
 * <p>A send is retried with backoff on UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED (each attempt bounded
 * by the client's deadline). When the broker no longer knows the producer (NOT_FOUND, or CLOSE from the periodic
 * health check) the producer is looked up and re-created and sending resumes. Other failures complete the send
 * exceptionally with a {@link io.danube.client.error.DanubeRpcException}. The broker does not deduplicate, so a
 * retried send can be stored twice.
 */
public final class Producer implements AutoCloseable {

    private final String topic;
    private final String name;
    private final List<PartitionProducer> partitions;
    private final Duration closeTimeout;
    private final Consumer<Producer> onClose;
    private final AtomicLong roundRobin = new AtomicLong();

    Producer(String topic, String name, List<PartitionProducer> partitions, Duration closeTimeout,
             Consumer<Producer> onClose) {
        this.topic = topic;
        this.name = name;
        this.partitions = List.copyOf(partitions);
        this.closeTimeout = closeTimeout;
        this.onClose = onClose;
    }

    /** The topic name given at creation (the base name for partitioned topics). */
    public String topic() {
        return topic;
    }

    public String name() {
        return name;
    }

    /** Number of partitions; 1 for a plain topic. */
    public int partitionCount() {
        return partitions.size();
    }

    /** Sends asynchronously. The future fails with a {@link DanubeClientException} subtype. */
    public CompletableFuture<SendReceipt> sendAsync(OutgoingMessage message) {
        return partitionFor(message).send(message);
    }

    public CompletableFuture<SendReceipt> sendAsync(byte[] payload) {
        return sendAsync(OutgoingMessage.of(payload));
    }

    /** Sends and waits for the broker's confirmation. */
    public SendReceipt send(OutgoingMessage message) {
        try {
            return sendAsync(message).join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    public SendReceipt send(byte[] payload) {
        return send(OutgoingMessage.of(payload));
    }

    private PartitionProducer partitionFor(OutgoingMessage message) {
        int count = partitions.size();
        if (count == 1) {
            return partitions.get(0);
        }
        int index = message.key().isPresent()
                ? KeyRouter.partitionFor(message.key().get(), count)
                : (int) Long.remainderUnsigned(roundRobin.getAndIncrement(), count);
        return partitions.get(index);
    }

    /** The least healthy partition state: CONNECTED only if every partition is registered with the broker. */
    public ProducerState state() {
        ProducerState worst = ProducerState.CONNECTED;
        for (PartitionProducer partition : partitions) {
            ProducerState s = partition.state();
            if (s.ordinal() > worst.ordinal()) {
                worst = s;
            }
        }
        return worst;
    }

    public boolean isConnected() {
        return state() == ProducerState.CONNECTED;
    }

    /**
     * Stops accepting sends, waits up to the client's close timeout for queued and in-flight sends to be confirmed,
     * then fails whatever is left with {@link io.danube.client.error.ClientClosedException}.
     */
    @Override
    public void close() {
        CompletableFuture<?>[] drains = partitions.stream().map(PartitionProducer::beginClose)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(drains).get(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Whatever did not drain in time is failed below.
        }
        partitions.forEach(PartitionProducer::finishClose);
        onClose.accept(this);
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof DanubeClientException e) {
            return e;
        }
        return new DanubeClientException("send failed", cause);
    }
}
