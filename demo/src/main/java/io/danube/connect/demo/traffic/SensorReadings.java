package io.danube.connect.demo.traffic;

import java.time.Instant;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** Sample readings of a few simulated sensors: flat JSON objects, one MQTT topic per sensor. */
public final class SensorReadings {

    public static final int SENSORS = 5;

    private final String topicPrefix;
    private final RandomGenerator random;

    /** @param topicPrefix MQTT topic prefix without trailing slash, e.g. {@code sensors/demo-1a2b} */
    public SensorReadings(String topicPrefix, RandomGenerator random) {
        this.topicPrefix = topicPrefix;
        this.random = random;
    }

    /** The MQTT filter matching every sensor's topic. */
    public String filter() {
        return topicPrefix + "/#";
    }

    /** Reading number {@code seq} (from 1), from sensor {@code seq mod SENSORS}. */
    public Reading next(long seq) {
        return reading("sensor-" + (seq % SENSORS + 1), seq);
    }

    private Reading reading(String device, long seq) {
        double temperature = 18 + random.nextDouble() * 8;
        double humidity = 35 + random.nextDouble() * 25;
        String json = String.format(Locale.ROOT,
                "{\"device\":\"%s\",\"seq\":%d,\"temperature\":%.2f,\"humidity\":%.1f,\"ts\":\"%s\"}",
                device, seq, temperature, humidity, Instant.now());
        return new Reading(topicPrefix + "/" + device, json);
    }

    /** A reading of the same shape from a sensor named "manual", for a user to post by hand (sequence 0). */
    public Reading manual() {
        return reading("manual", 0);
    }

    /** One reading: where it is published and its JSON payload. */
    public record Reading(String topic, String json) {
    }
}
