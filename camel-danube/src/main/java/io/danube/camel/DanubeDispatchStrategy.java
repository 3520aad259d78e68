package io.danube.camel;

import io.danube.client.producer.DispatchMode;

/** Delivery guarantee of a topic, fixed when the first producer creates it. */
public enum DanubeDispatchStrategy {

    /** Fire and forget: only subscriptions present at publish time receive the message; nothing is stored. */
    NonReliable(DispatchMode.NON_RELIABLE),
    /** Messages are stored in the topic log and delivered at least once until acknowledged. */
    Reliable(DispatchMode.RELIABLE);

    private final DispatchMode clientMode;

    DanubeDispatchStrategy(DispatchMode clientMode) {
        this.clientMode = clientMode;
    }

    public DispatchMode clientMode() {
        return clientMode;
    }
}
