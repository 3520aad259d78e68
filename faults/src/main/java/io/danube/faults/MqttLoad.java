package io.danube.faults;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes numbered QoS 1 messages {@code {"id":"m-<n>","seq":<n>}} at a set rate, each until Mosquitto acknowledged
 * it (a publish that fails while Mosquitto restarts is sent again: the id stays the same, so a message Mosquitto took
 * twice is one id).
 */
final class MqttLoad implements AutoCloseable {

    private static final Duration PER_MESSAGE_BOUND = Duration.ofSeconds(120);

    private final MqttClient client;
    private final MqttConnectionOptions options;
    private final String topicPrefix;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong resends = new AtomicLong();

    private MqttLoad(MqttClient client, MqttConnectionOptions options, String topicPrefix) {
        this.client = client;
        this.options = options;
        this.topicPrefix = topicPrefix;
    }

    static MqttLoad connect(String url, String clientId, String topicPrefix) {
        try {
            MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setConnectionTimeout(5);
            client.connect(options);
            return new MqttLoad(client, options, topicPrefix);
        } catch (MqttException e) {
            throw new IllegalStateException("load publisher cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    static String id(long seq) {
        return "m-" + seq;
    }

    /** Publishes messages {@code from} (inclusive) to {@code to} (exclusive) at {@code rate} per second. */
    void publish(long from, long to, int rate) {
        long start = System.nanoTime();
        for (long seq = from; seq < to; seq++) {
            long due = start + (seq - from) * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                pace(wait);
            }
            String json = "{\"id\":\"" + id(seq) + "\",\"seq\":" + seq + "}";
            send(topicPrefix + "/device-" + (seq % 16), json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Sends one payload until Mosquitto acknowledged it, reconnecting as needed. */
    void send(String topic, byte[] payload) {
        Deadline deadline = Deadline.in(PER_MESSAGE_BOUND);
        while (true) {
            try {
                if (!client.isConnected()) {
                    client.connect(options);
                }
                MqttMessage message = new MqttMessage(payload);
                message.setQos(1);
                client.publish(topic, message);
                acknowledged.incrementAndGet();
                return;
            } catch (MqttException e) {
                resends.incrementAndGet();
                deadline.check(() -> "Mosquitto did not take a message on " + topic + ": " + e.getMessage());
                deadline.pause(Duration.ofMillis(100));
            }
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long resends() {
        return resends.get();
    }

    private static void pace(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // Closing the load publisher at the end: nothing left to deliver.
        }
    }
}
