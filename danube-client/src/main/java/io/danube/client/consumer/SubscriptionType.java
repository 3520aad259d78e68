package io.danube.client.consumer;

import io.danube.proto.ConsumerRequest;

/** How a subscription spreads messages over its consumers. */
public enum SubscriptionType {
    /** One consumer only; a consumer with another name is rejected. */
    EXCLUSIVE(ConsumerRequest.SubscriptionType.Exclusive),
    /** Round-robin: each message goes to exactly one of the consumers. */
    SHARED(ConsumerRequest.SubscriptionType.Shared),
    /** One active consumer, the others stand by. */
    FAILOVER(ConsumerRequest.SubscriptionType.Failover),
    /** Messages with the same routing key go to the same consumer, in order; consumers may filter keys. */
    KEY_SHARED(ConsumerRequest.SubscriptionType.KeyShared);

    private final ConsumerRequest.SubscriptionType wire;

    SubscriptionType(ConsumerRequest.SubscriptionType wire) {
        this.wire = wire;
    }

    ConsumerRequest.SubscriptionType wire() {
        return wire;
    }
}
