package io.danube.connect.api;

import java.util.Objects;

/**
 * A destination topic of a source connector; the runtime creates one producer per entry at startup.
 *
 * @param topic            {@code /namespace/topic}
 * @param partitions       0 for a non-partitioned topic, n &gt; 0 for n partitions chosen by record key hash
 * @param reliableDispatch true for reliable (persisted, at-least-once) dispatch
 */
public record ProducerConfig(String topic, int partitions, boolean reliableDispatch) {

    public ProducerConfig {
        Objects.requireNonNull(topic, "topic");
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 for topic " + topic + ", got " + partitions);
        }
    }
}
