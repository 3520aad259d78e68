package io.danube.camel;

import io.danube.client.consumer.SubscriptionType;

/** How a Danube subscription spreads its messages over the consumers attached to it. */
public enum DanubeSubscriptionType {

    /** A single consumer owns the subscription; another consumer name is rejected by the broker. */
    Exclusive(SubscriptionType.EXCLUSIVE),
    /** Each message goes to exactly one of the attached consumers, round-robin. */
    Shared(SubscriptionType.SHARED),
    /** One consumer is active, the others take over when it goes away. */
    Failover(SubscriptionType.FAILOVER),
    /** Messages with the same routing key always go to the same consumer, which may filter keys. */
    KeyShared(SubscriptionType.KEY_SHARED);

    private final SubscriptionType clientType;

    DanubeSubscriptionType(SubscriptionType clientType) {
        this.clientType = clientType;
    }

    public SubscriptionType clientType() {
        return clientType;
    }
}
