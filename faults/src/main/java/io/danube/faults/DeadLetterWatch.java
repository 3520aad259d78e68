package io.danube.faults;

import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.consumer.SubscriptionType;
import io.danube.client.message.ReceivedMessage;
import io.danube.client.producer.Producer;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a dead-letter topic from its first message and counts the records by reason ({@code dlq.error_type}: the
 * first 60 characters of {@code dlq.error}). The topic is created (by a producer of the suite) before the connector
 * dead-letters anything, so the subscription sees every record.
 */
final class DeadLetterWatch implements AutoCloseable {

    private final DanubeClient client;
    private final Consumer consumer;
    private final Map<String, Long> reasons = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fault-suite-dlq");
        thread.setDaemon(true);
        return thread;
    });

    private DeadLetterWatch(DanubeClient client, Consumer consumer) {
        this.client = client;
        this.consumer = consumer;
        reader.submit(this::read);
    }

    static DeadLetterWatch start(String serviceUrl, String topic) {
        DanubeClient client = DanubeClient.builder().serviceUrl(serviceUrl).build();
        try {
            try (Producer creator = client.newProducer().topic(topic).name("fault-suite-dlq-creator").reliable()
                    .create()) {
                creator.topic();
            }
            Consumer consumer = client.newConsumer().topic(topic).consumerName("fault-suite-dlq")
                    .subscription("fault-suite-dlq").subscriptionType(SubscriptionType.EXCLUSIVE).subscribe();
            return new DeadLetterWatch(client, consumer);
        } catch (RuntimeException e) {
            client.close();
            throw new IllegalStateException("cannot read dead-letter topic " + topic + ": " + e.getMessage(), e);
        }
    }

    private void read() {
        while (running.get()) {
            try {
                Optional<ReceivedMessage> message = consumer.receive(Duration.ofMillis(200));
                if (message.isPresent()) {
                    Map<String, String> attributes = message.get().attributes();
                    String error = attributes.getOrDefault("dlq.error", "?");
                    String reason = attributes.getOrDefault("dlq.error_type", "?") + ": "
                            + error.substring(0, Math.min(60, error.length()));
                    reasons.merge(reason, 1L, Long::sum);
                    consumer.ack(message.get());
                }
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
            }
        }
    }

    long total() {
        return reasons.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Long> reasons() {
        return new TreeMap<>(reasons);
    }

    @Override
    public void close() {
        running.set(false);
        reader.shutdownNow();
        consumer.close();
        client.close();
    }
}
