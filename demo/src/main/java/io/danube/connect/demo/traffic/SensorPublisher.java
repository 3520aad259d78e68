package io.danube.connect.demo.traffic;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes sample readings at a fixed rate with a Paho MQTT 5 client, QoS 1; counts what the broker acknowledged. */
public final class SensorPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SensorPublisher.class);

    private final MqttClient client;
    private final SensorReadings readings;
    private final ScheduledExecutorService timer;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private SensorPublisher(MqttClient client, SensorReadings readings) {
        this.client = client;
        this.readings = readings;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-publisher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects to {@code brokerUrl} as {@code clientId}; publishing starts with {@link #start(double)}. */
    public static SensorPublisher connect(String brokerUrl, String clientId, SensorReadings readings) {
        try {
            MqttClient client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setConnectionTimeout(10);
            options.setAutomaticReconnect(true);
            client.connect(options);
            return new SensorPublisher(client, readings);
        } catch (MqttException e) {
            throw new IllegalStateException("sample publisher cannot connect to " + brokerUrl + ": " + e.getMessage(),
                    e);
        }
    }

    /** Publishes {@code perSecond} readings a second until {@link #stop()}. */
    public void start(double perSecond) {
        long periodMicros = Math.max(1, Math.round(1_000_000 / perSecond));
        timer.scheduleAtFixedRate(this::publishOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void publishOne() {
        SensorReadings.Reading reading = readings.next(published.get() + failed.get() + 1);
        MqttMessage message = new MqttMessage(reading.json().getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        try {
            client.publish(reading.topic(), message);
            published.incrementAndGet();
        } catch (MqttException e) {
            failed.incrementAndGet();
            LOG.warn("Publishing to {} failed: {}", reading.topic(), e.getMessage());
        }
    }

    /** Publishes one readiness probe (not a reading, not counted) to {@code topic}. */
    public void publishProbe(String topic) {
        MqttMessage message = new MqttMessage("{\"probe\":true}".getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        try {
            client.publish(topic, message);
        } catch (MqttException e) {
            LOG.warn("Publishing the readiness probe to {} failed: {}", topic, e.getMessage());
        }
    }

    /** Readings the MQTT broker acknowledged. */
    public long published() {
        return published.get();
    }

    /** Readings the MQTT broker did not take. */
    public long failed() {
        return failed.get();
    }

    /** Stops publishing; the readings already sent stay sent. */
    public void stop() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            if (client.isConnected()) {
                client.disconnect(5_000);
            }
            client.close();
        } catch (MqttException e) {
            LOG.warn("Closing the sample publisher's MQTT client failed: {}", e.getMessage());
        }
    }
}
