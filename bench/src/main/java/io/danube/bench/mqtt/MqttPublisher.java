package io.danube.bench.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes QoS 1 messages as fast as the broker takes them, or at a fixed rate ({@code window} unacknowledged at
 * most either way) to
 * {@code <prefix>/dev-0..15}; each payload starts with the publish time ({@link System#nanoTime()}), so a receiver in
 * the same JVM can compute the publish-to-arrival latency.
 */
final class MqttPublisher implements AutoCloseable {

    static final int DEVICES = 16;

    private final MqttAsyncClient client;
    private final int window;

    MqttPublisher(String url, String clientId, int window) throws Exception {
        this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        this.window = window;
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
    }

    /** A payload of {@code size} bytes (at least 8) stamped with the current time. */
    static byte[] stamped(int size) {
        return ByteBuffer.allocate(Math.max(size, Long.BYTES)).putLong(System.nanoTime()).array();
    }

    /** The publish time stamped on a payload. */
    static long stampOf(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong();
    }

    void publishOne(String topic, byte[] payload) throws Exception {
        client.publish(topic, new MqttMessage(payload, 1, false, null)).waitForCompletion(10_000);
    }

    /** @param perSecond the publish rate, or 0 for as fast as the broker acknowledges */
    void publish(String prefix, int messages, int size, int perSecond) throws Exception {
        long intervalNanos = perSecond > 0 ? TimeUnit.SECONDS.toNanos(1) / perSecond : 0;
        long start = System.nanoTime();
        Semaphore permits = new Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                permits.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                failure.compareAndSet(null, error);
                permits.release();
            }
        };
        for (int i = 0; i < messages && failure.get() == null; i++) {
            long due = start + i * intervalNanos;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no PUBACK from the broker for 60 s");
            }
            client.publish(prefix + "/dev-" + (i % DEVICES), new MqttMessage(stamped(size), 1, false, null), null,
                    release);
        }
        if (!permits.tryAcquire(window, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publishes still unacknowledged after 60 s");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed", failure.get());
        }
    }

    @Override
    public void close() throws Exception {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}
