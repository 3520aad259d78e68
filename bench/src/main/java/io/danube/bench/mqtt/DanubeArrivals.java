package io.danube.bench.mqtt;

import io.danube.bench.Latencies;
import io.danube.client.DanubeClient;
import io.danube.client.consumer.Consumer;
import io.danube.client.message.ReceivedMessage;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts benchmark messages arriving on a Danube topic (payloads of at least 8 bytes; 1-byte probes only prove the
 * subscription is live) and records their publish-to-arrival latency. {@link #reading} reads from the start;
 * {@link #held} only subscribes (a new subscription starts at the topic's tail), so that a pass can run without a
 * reader taking CPU from it and {@link #startReading} checks afterwards what reached the topic.
 */
final class DanubeArrivals implements AutoCloseable {

    private final Consumer consumer;
    private final AtomicLong arrived = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();
    private final Latencies latencies;
    private final Thread reader;
    private volatile boolean running = true;

    private DanubeArrivals(DanubeClient client, String topic, String name, int capacity) {
        this.consumer = client.newConsumer().topic(topic).consumerName(name).subscription(name).prefetch(1000)
                .subscribe();
        this.latencies = new Latencies(capacity);
        this.reader = new Thread(this::read, "arrivals-" + name);
        reader.setDaemon(true);
    }

    /** Subscribes and reads every message published from now on. */
    static DanubeArrivals reading(DanubeClient client, String topic, String name, int capacity) {
        DanubeArrivals arrivals = held(client, topic, name, capacity);
        arrivals.startReading();
        return arrivals;
    }

    /**
     * Subscribes without reading: the broker keeps what is published from now on for the subscription and sends
     * only its dispatch window until {@link #startReading}.
     */
    static DanubeArrivals held(DanubeClient client, String topic, String name, int capacity) {
        return new DanubeArrivals(client, topic, name, capacity);
    }

    void startReading() {
        reader.start();
    }

    private void read() {
        while (running) {
            Optional<ReceivedMessage> next = consumer.receive(Duration.ofMillis(100));
            if (next.isEmpty()) {
                continue;
            }
            ReceivedMessage message = next.get();
            if (message.payloadSize() >= Long.BYTES) {
                latencies.record(System.nanoTime() - MqttPublisher.stampOf(message.payload()));
                arrived.incrementAndGet();
            } else {
                probes.incrementAndGet();
            }
            consumer.ack(message);
        }
    }

    /** Publishes probes through {@code probe} until one arrives: the subscription is then live. */
    void awaitLive(ProbeSender probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (probes.get() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no probe message reached Danube within 30 s");
            }
            probe.send();
            Thread.sleep(100);
        }
    }

    /** Waits until {@code messages} benchmark messages arrived; returns the nano time of the check that saw it. */
    long awaitAll(long messages) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (arrived.get() < messages) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + arrived.get() + " of " + messages
                                                + " messages reached Danube within 180 s");
            }
            Thread.sleep(1);
        }
        return System.nanoTime();
    }

    Latencies latencies() {
        return latencies;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(2_000);
        consumer.close();
    }

    /** Sends one probe message. */
    @FunctionalInterface
    interface ProbeSender {
        void send() throws Exception;
    }
}
