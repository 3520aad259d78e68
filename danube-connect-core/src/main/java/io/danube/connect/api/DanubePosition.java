package io.danube.connect.api;

import java.util.Objects;

/**
 * Where a consumed record sits in Danube, as seen by one subscription: the key under which an effectively-once sink
 * stores that it wrote the record. Offsets are assigned per partition topic, so the three parts together name one
 * message for one subscription; another subscription reading the same message has its own position.
 *
 * @param subscription the subscription the record was consumed under
 * @param partition    the partition topic ({@code /ns/topic-part-2}), or the topic itself when it has no partitions
 * @param offset       the message's offset in that partition topic, never negative
 */
public record DanubePosition(String subscription, String partition, long offset) {

    public DanubePosition {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(partition, "partition");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }

    @Override
    public String toString() {
        return subscription + "@" + partition + "#" + offset;
    }
}
