package io.danube.connect.jdbc.write;

import io.danube.connect.api.DanubePosition;

/** One subscription's view of one partition topic: the unit positions are counted, queried and pruned by. */
public record PartitionKey(String subscription, String partition) {

    public static PartitionKey of(DanubePosition position) {
        return new PartitionKey(position.subscription(), position.partition());
    }
}
