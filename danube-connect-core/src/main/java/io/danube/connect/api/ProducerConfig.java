package io.danube.connect.api;

import java.util.Objects;

/**
 * A destination topic of a source connector; the runtime creates one producer per entry at startup.
 *
 * @param topic            {@code /namespace/topic}
 * @param partitions       0 for a non-partitioned topic, n &gt; 0 for n partitions chosen by record key hash
 * @param reliableDispatch true for reliable (persisted, at-least-once) dispatch
 * @param maxInFlight      sends in flight per partition: 1 (the default) keeps the records of a partition in send
 *                         order on the broker; n &gt; 1 declares their order irrelevant and pipelines up to n sends
 */
public record ProducerConfig(String topic, int partitions, boolean reliableDispatch, int maxInFlight) {

    public ProducerConfig {
        Objects.requireNonNull(topic, "topic");
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 for topic " + topic + ", got " + partitions);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1 for topic " + topic + ", got "
                                               + maxInFlight);
        }
    }

    /** A destination whose records reach each partition in send order (one send in flight per partition). */
    public ProducerConfig(String topic, int partitions, boolean reliableDispatch) {
        this(topic, partitions, reliableDispatch, 1);
    }
}
